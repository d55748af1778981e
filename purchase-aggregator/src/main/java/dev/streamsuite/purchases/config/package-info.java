/** The purchase-aggregator's settings ({@code purchases.*}) and the wiring of its topology into the runtime. */
package dev.streamsuite.purchases.config;
