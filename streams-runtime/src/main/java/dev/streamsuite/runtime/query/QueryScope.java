package dev.streamsuite.runtime.query;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a call from another instance asks for, carried in the {@code X-Forwarded-Query} header: one key's
 * partition or a list's partitions, from the active store or a standby ("stale") copy. A forwarded call
 * is answered locally and never forwarded again.
 *
 * <p>Header form: {@code key;p=3;stale=false} or {@code list;p=0,4;stale=true}.
 */
record QueryScope(boolean list, List<Integer> partitions, boolean stale) {

    static final String HEADER = "X-Forwarded-Query";
    /** The instances' shared token, without which {@link #HEADER} is refused. */
    static final String TOKEN_HEADER = "X-Forwarded-Token";

    String header() {
        return (list ? "list" : "key") + ";p=" + partitions.stream().map(String::valueOf).collect(Collectors.joining(","))
                + ";stale=" + stale;
    }

    /** The scope of a forwarded call, or null for a call from a user; malformed headers are a 400. */
    static QueryScope of(String header) {
        if (header == null) {
            return null;
        }
        try {
            String[] parts = header.split(";");
            List<Integer> partitions = Arrays.stream(parts[1].substring(2).split(",")).map(Integer::valueOf).toList();
            return new QueryScope(parts[0].equals("list"), partitions, Boolean.parseBoolean(parts[2].substring(6)));
        } catch (RuntimeException e) {
            throw ApiException.badRequest("malformed " + HEADER + " header");
        }
    }

    /** The partition and staleness the local store lookups of this thread use while a scope is open. */
    private static final ThreadLocal<Local> CURRENT = new ThreadLocal<>();

    record Local(int partition, boolean stale) implements AutoCloseable {
        @Override
        public void close() {
            CURRENT.remove();
        }
    }

    static Local open(int partition, boolean stale) {
        Local local = new Local(partition, stale);
        CURRENT.set(local);
        return local;
    }

    static Local current() {
        return CURRENT.get();
    }
}
