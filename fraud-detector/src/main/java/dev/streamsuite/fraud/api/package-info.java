/** The fraud-detector's HTTP API over its balance and alert stores, through the shared query layer. */
package dev.streamsuite.fraud.api;
