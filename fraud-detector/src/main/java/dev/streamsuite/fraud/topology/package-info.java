/**
 * The fraud-detector's topology, a plain class tested with {@code TopologyTestDriver}: validate the
 * transactions (keyed by userId, so no repartition), then one processor that de-duplicates, keeps the
 * balance, evaluates the rules and emits alerts, all state and output in one exactly-once transaction.
 */
package dev.streamsuite.fraud.topology;
