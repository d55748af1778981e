/**
 * The integration-test harness: a real single-node KRaft broker in a child JVM ({@link
 * dev.streamsuite.testsupport.KafkaBroker}), services started from their jars as child JVMs that tests
 * can SIGKILL ({@link dev.streamsuite.testsupport.ServiceProcess}), and small Kafka and HTTP clients.
 */
package dev.streamsuite.testsupport;
