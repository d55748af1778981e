package dev.streamsuite.runtime.topology;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.apache.kafka.streams.state.internals.WrappedStateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Streams' RocksDB window store, with the time it judges expiry by kept across a clean restart. The store
 * hides what lies a retention behind the newest time written to it, but starts every run with no such time, so
 * after a graceful restart (which restores nothing) it answered expired entries again until the next write
 * (measured: orders and alerts past their retention back over HTTP after a SIGTERM). On close this writes that
 * time next to the task's stores ({@code <store>.observed-time}); on open it sets it again. After a crash the
 * task's directory is wiped with the file and the store is restored from its changelog, which sets the time.
 *
 * <p>The time is a private field of Kafka Streams' {@code AbstractRocksDBSegmentedBytesStore}; if that changes,
 * the store works as Kafka Streams' own does and one WARN line says so.
 */
final class ClockKeepingWindowStore implements WindowStore<Bytes, byte[]> {

    private static final Logger log = LoggerFactory.getLogger(ClockKeepingWindowStore.class);
    private static final String FIELD = "observedStreamTime";

    private final WindowStore<Bytes, byte[]> inner;
    private File clockFile;

    ClockKeepingWindowStore(WindowStore<Bytes, byte[]> inner) {
        this.inner = inner;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        inner.init(context, root);
        clockFile = new File(context.stateDir(), name() + ".observed-time");
        try {
            if (clockFile.exists()) {
                long kept = Long.parseLong(Files.readString(clockFile.toPath(), StandardCharsets.UTF_8).trim());
                Field field = clockField();
                Object segmented = segmented();
                if (kept > field.getLong(segmented)) {
                    field.setLong(segmented, kept);
                }
            }
        } catch (IOException | ReflectiveOperationException | RuntimeException e) {
            log.warn("Cannot set the observed stream time of {} again ({}): entries past its retention are answered "
                    + "until its next write", name(), e.toString());
        }
    }

    @Override
    public void close() {
        long observed = Long.MIN_VALUE;
        try {
            observed = clockField().getLong(segmented());
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.warn("Cannot read the observed stream time of {} ({})", name(), e.toString());
        }
        inner.close();
        if (clockFile != null && observed >= 0) {
            try {
                File written = new File(clockFile.getPath() + ".tmp");
                Files.writeString(written.toPath(), Long.toString(observed), StandardCharsets.UTF_8);
                Files.move(written.toPath(), clockFile.toPath(), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                log.warn("Cannot keep the observed stream time of {} ({})", name(), e.toString());
            }
        }
    }

    private Object segmented() {
        return ((WrappedStateStore<?, ?, ?>) inner).wrapped();
    }

    private Field clockField() throws NoSuchFieldException {
        for (Class<?> type = segmented().getClass(); type != null; type = type.getSuperclass()) {
            try {
                Field field = type.getDeclaredField(FIELD);
                field.setAccessible(true);
                return field;
            } catch (NoSuchFieldException e) {
                // look in the superclass
            }
        }
        throw new NoSuchFieldException(FIELD);
    }

    // ---- everything else as the store itself

    @Override
    public void put(Bytes key, byte[] value, long windowStartTimestamp) {
        inner.put(key, value, windowStartTimestamp);
    }

    @Override
    public byte[] fetch(Bytes key, long time) {
        return inner.fetch(key, time);
    }

    @Override
    public WindowStoreIterator<byte[]> fetch(Bytes key, long timeFrom, long timeTo) {
        return inner.fetch(key, timeFrom, timeTo);
    }

    @Override
    public WindowStoreIterator<byte[]> backwardFetch(Bytes key, long timeFrom, long timeTo) {
        return inner.backwardFetch(key, timeFrom, timeTo);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> fetch(Bytes keyFrom, Bytes keyTo, long timeFrom, long timeTo) {
        return inner.fetch(keyFrom, keyTo, timeFrom, timeTo);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFetch(Bytes keyFrom, Bytes keyTo, long timeFrom, long timeTo) {
        return inner.backwardFetch(keyFrom, keyTo, timeFrom, timeTo);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> fetchAll(long timeFrom, long timeTo) {
        return inner.fetchAll(timeFrom, timeTo);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFetchAll(long timeFrom, long timeTo) {
        return inner.backwardFetchAll(timeFrom, timeTo);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> all() {
        return inner.all();
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardAll() {
        return inner.backwardAll();
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public void flush() {
        inner.flush();
    }

    @Override
    public boolean persistent() {
        return inner.persistent();
    }

    @Override
    public boolean isOpen() {
        return inner.isOpen();
    }

    @Override
    public <R> QueryResult<R> query(Query<R> query, PositionBound positionBound, QueryConfig config) {
        return inner.query(query, positionBound, config);
    }

    @Override
    public Position getPosition() {
        return inner.getPosition();
    }
}
