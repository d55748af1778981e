/**
 * The suite's events as immutable records, exactly the JSON shapes of the contract, with the one
 * validation path every input takes ({@link dev.streamsuite.model.Validated}) and the one JSON serde
 * factory ({@link dev.streamsuite.model.Json}). Money is {@link java.math.BigDecimal}, time is
 * {@link java.time.Instant}.
 */
package dev.streamsuite.model;
