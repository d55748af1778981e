package dev.streamsuite.fraud.topology;

import java.util.Iterator;
import java.util.function.Function;

/**
 * The transaction ids a task has stored, as a Bloom filter in front of {@code transaction-ids-store}: its "not
 * seen" is certain, so a new transaction skips the store's range read (a RocksDB seek per segment, 24% of
 * fraud-detector's stream thread in a profile); a "maybe" is decided by the store as before, so the answer is
 * the store's in every case. Loaded from the store when the task starts (the processor is initialised after the
 * store is restored, and again after any dirty close). Sized for {@link #CAPACITY} ids; beyond that it answers
 * "maybe" for every id until the task starts again, which is the store-only behaviour, with the loading scan
 * bounded by the same number.
 */
final class SeenIds {

    /** 2 MiB per task. */
    private static final int BITS = 1 << 24;
    private static final int HASHES = 7;
    /** About 1% false positives when full (10 bits per id, 7 hashes). */
    static final int CAPACITY = BITS / 10;

    private final long[] bits = new long[BITS / 64];
    private int added;

    /** The ids of the {@code stored} entries, or as many as the filter holds; then {@link #full()}. */
    static <T> SeenIds load(Iterator<T> stored, Function<T, String> id) {
        SeenIds seen = new SeenIds();
        while (!seen.full() && stored.hasNext()) {
            seen.add(id.apply(stored.next()));
        }
        return seen;
    }

    boolean full() {
        return added > CAPACITY;
    }

    int size() {
        return added;
    }

    void add(String id) {
        probe(id, true);
        added++;
    }

    /** False only for an id certainly not added. */
    boolean mayContain(String id) {
        return full() || probe(id, false);
    }

    /** Whether all of the id's bits are set; with {@code set}, sets them (and the answer is not used). */
    private boolean probe(String id, boolean set) {
        int h1 = id.hashCode() * 0x9E3779B9;
        int h2 = secondHash(id);
        for (int i = 0; i < HASHES; i++) {
            int bit = (h1 + i * h2) & (BITS - 1);
            long mask = 1L << bit;
            if ((bits[bit >>> 6] & mask) == 0) {
                if (!set) {
                    return false;
                }
                bits[bit >>> 6] |= mask;
            }
        }
        return true;
    }

    /** FNV-1a over the chars, odd so that the probe steps cover the table. */
    private static int secondHash(String id) {
        int h = 0x811C9DC5;
        for (int i = 0; i < id.length(); i++) {
            h = (h ^ id.charAt(i)) * 0x01000193;
        }
        return h | 1;
    }
}
