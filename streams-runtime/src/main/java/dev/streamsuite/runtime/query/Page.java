package dev.streamsuite.runtime.query;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.zip.CRC32C;

/**
 * One page of a gathered list, ordered by a unique sort key; the cursor is the (opaque, base64url,
 * checksummed) sort key of the page's last item, so every item appears exactly once across pages while the data
 * does not change.
 */
public record Page<T>(List<T> items, String nextCursor) {

    /** Cursors are bound to {@code scope} (e.g. the window asked for): another scope's cursor is a 400. */
    public static <T> Page<T> of(List<T> all, Comparator<T> order, Function<T, String> sortKey, String after, int limit,
                                 String scope) {
        List<T> remaining = all.stream()
                .filter(item -> after == null || sortKey.apply(item).compareTo(after) > 0)
                .sorted(order)
                .toList();
        List<T> page = remaining.subList(0, Math.min(limit, remaining.size()));
        String next = remaining.size() > limit ? encodeCursor(sortKey.apply(page.get(page.size() - 1)), scope) : null;
        return new Page<>(List.copyOf(page), next);
    }

    /**
     * Unpadded base64url of the sort key's UTF-8 and a CRC-32C of it and the scope, so a truncated or mistyped
     * cursor, or one of another scope, is caught.
     */
    public static String encodeCursor(String sortKey, String scope) {
        byte[] key = sortKey.getBytes(StandardCharsets.UTF_8);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                ByteBuffer.allocate(key.length + Integer.BYTES).put(key).putInt(checksum(key, scope)).array());
    }

    /**
     * The sort key a cursor stands for, null for none. Only what {@link #encodeCursor} writes is accepted: anything
     * else, e.g. a truncated, hand-typed or hand-made cursor, is a 400 rather than a position that silently yields an
     * empty or shifted page.
     */
    public static String decodeCursor(String cursor, String scope) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            byte[] raw = Base64.getUrlDecoder().decode(cursor);
            int keyLength = raw.length - Integer.BYTES;
            if (keyLength >= 0) {
                byte[] key = Arrays.copyOf(raw, keyLength);
                String sortKey = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(key)).toString();
                if (ByteBuffer.wrap(raw, keyLength, Integer.BYTES).getInt() == checksum(key, scope)
                        && encodeCursor(sortKey, scope).equals(cursor)) {
                    return sortKey;
                }
            }
        } catch (IllegalArgumentException | CharacterCodingException e) {
            // not base64url, or not UTF-8: answered below
        }
        throw ApiException.badRequest("parameter 'cursor' is not a cursor returned by this API for this query");
    }

    private static int checksum(byte[] key, String scope) {
        CRC32C crc = new CRC32C();
        crc.update(key);
        crc.update(scope.getBytes(StandardCharsets.UTF_8));
        return (int) crc.getValue();
    }
}
