/** The purchase-aggregator's HTTP API over its window store, through the shared query layer. */
package dev.streamsuite.purchases.api;
