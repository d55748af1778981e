/**
 * The purchase-aggregator's topology, a plain class tested with {@code TopologyTestDriver}: validate,
 * window aggregation by user (keyless purchases through a repartition by userId) with its own lateness and
 * final-result logic.
 */
package dev.streamsuite.purchases.topology;
