/**
 * Feeds the suite's input topics ({@code purchases}, {@code transactions}, {@code customers},
 * {@code orders}) with realistic, reproducible traffic: the demo stack runs it to have something to look
 * at, the benchmark pre-loads millions of records with it, and integration tests use its
 * {@link dev.streamsuite.loadgen.RecordFactory} to know exactly what they sent. Besides well-formed
 * events it deliberately produces the awkward cases the services must survive (malformed and invalid
 * records, late purchases, out-of-order event times, duplicate transactions, customer versions and
 * deletions), so that the dead-letter, late-record and de-duplication paths get exercised as well, and
 * it reports which records were meant to be which.
 */
package dev.streamsuite.loadgen;
