/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) started from the Kafka jars
 * of Maven Central: the local stack ({@code run-local.sh}), the benchmark and the integration tests run
 * it in a JVM of its own, so it can be killed like a real broker.
 */
package dev.streamsuite.localkafka;
