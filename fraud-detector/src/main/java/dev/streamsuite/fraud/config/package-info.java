/** The fraud-detector's settings ({@code fraud.*}) and the wiring of its topology into the runtime. */
package dev.streamsuite.fraud.config;
