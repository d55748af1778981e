/** The order-enricher's HTTP API over its stores, through the shared query layer. */
package dev.streamsuite.orders.api;
