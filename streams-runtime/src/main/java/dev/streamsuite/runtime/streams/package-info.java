/**
 * Runs the service's one {@code KafkaStreams}: topic creation before start, exactly-once by default,
 * state, restoration and health, metrics, graceful close.
 */
package dev.streamsuite.runtime.streams;
