/**
 * The suite's own metrics on top of Kafka Streams' built-in ones, registered in Micrometer and so
 * scraped at {@code /actuator/prometheus}: records in and out per topic, end-to-end latency, watermark
 * lag per task, state restoration. {@link dev.streamsuite.runtime.metrics.StreamsMetrics} instruments a
 * service's topology and Kafka Streams configuration before start; topologies themselves stay unaware.
 */
package dev.streamsuite.runtime.metrics;
