/**
 * The HTTP query layer all three services share: local store lookups, forwarding a key to the
 * instance that owns it, gathering list endpoints from every instance, {@code X-Served-By},
 * parameter checks and RFC 9457 problem responses (400, 404, 503 with Retry-After).
 */
package dev.streamsuite.runtime.query;
