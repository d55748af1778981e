/**
 * Plain Kafka Streams building blocks the three topologies share, with no Spring inside so that
 * {@code TopologyTestDriver} tests use them as they run: reading an input topic with validation, event
 * time and a dead-letter branch ({@link dev.streamsuite.runtime.topology.InputTopic}), and the hooks
 * through which a topology reports what it does ({@link dev.streamsuite.runtime.topology.TopologyEvents}).
 */
package dev.streamsuite.runtime.topology;
