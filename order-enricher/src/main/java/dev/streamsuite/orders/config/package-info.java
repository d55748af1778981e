/** The order-enricher's settings ({@code orders.*}) and the wiring of its topology into the runtime. */
package dev.streamsuite.orders.config;
