/**
 * The order-enricher's topology, a plain class tested with {@code TopologyTestDriver}: customers into a
 * versioned store, orders re-keyed by customer and joined as of their event time after a grace in a
 * changelogged buffer, results re-keyed by order and read back into a store for queries by order id.
 */
package dev.streamsuite.orders.topology;
