/**
 * The purchase-aggregator's topology, a plain class tested with {@code TopologyTestDriver}: validate,
 * repartition by user, window aggregation with its own lateness and final-result logic.
 */
package dev.streamsuite.purchases.topology;
