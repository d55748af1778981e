package dev.streamsuite.model;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A compact binary format for state-store values, which are read and written on every record
 * (as JSON they took a third of a stream thread's time). A value is a format byte followed by its
 * fields; a value starting with {@code '{'} is JSON written by an earlier version and is still read,
 * so existing stores and changelogs stay usable across the upgrade. Money stays exact (unscaled value
 * and scale), instants keep their nanoseconds.
 */
public final class Binary {

    /** The first byte of every value in this format (JSON starts with {@code '{'}). */
    public static final byte FORMAT_1 = 1;

    private Binary() {
    }

    /**
     * A serde writing {@code write}'s fields after {@link #FORMAT_1}; values starting with {@code '{'} are
     * read as JSON of {@code legacyJson}, the form earlier versions stored.
     */
    public static <T> Serde<T> serde(BiConsumer<Writer, T> write, Function<Reader, T> read, Class<T> legacyJson) {
        Deserializer<T> json = Json.serde(legacyJson).deserializer();
        return serde(write, read, (topic, bytes) -> {
            if (bytes[0] != '{') {
                throw unknownFormat(topic, bytes);
            }
            return json.deserialize(topic, bytes);
        });
    }

    /**
     * A serde writing {@code write}'s fields after {@link #FORMAT_1}; {@code legacy} reads every non-empty
     * value without that byte, for earlier forms other than plain JSON (e.g. raw input bytes).
     */
    public static <T> Serde<T> serde(BiConsumer<Writer, T> write, Function<Reader, T> read, Deserializer<T> legacy) {
        Serializer<T> serializer = (topic, value) -> {
            if (value == null) {
                return null;
            }
            Writer out = new Writer(128);
            out.writeByte(FORMAT_1);
            write.accept(out, value);
            return out.toByteArray();
        };
        Deserializer<T> deserializer = (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            if (bytes.length == 0) {
                throw unknownFormat(topic, bytes);
            }
            if (bytes[0] != FORMAT_1) {
                return legacy.deserialize(topic, bytes);
            }
            Reader in = new Reader(bytes, 1);
            T value = read.apply(in);
            in.requireEnd(topic);
            return value;
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }

    private static SerializationException unknownFormat(String topic, byte[] bytes) {
        return new SerializationException("unknown value format in " + topic
                + (bytes.length == 0 ? ": empty" : ": first byte " + bytes[0]));
    }

    /** Appends fields to a growing byte array. */
    public static final class Writer {
        private byte[] buf;
        private int size;

        public Writer(int capacity) {
            buf = new byte[Math.max(capacity, 16)];
        }

        private void ensure(int more) {
            if (size + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
            }
        }

        public Writer writeByte(int b) {
            ensure(1);
            buf[size++] = (byte) b;
            return this;
        }

        public Writer writeBoolean(boolean b) {
            return writeByte(b ? 1 : 0);
        }

        /** A signed long in 1..10 bytes (zig-zag varint: small magnitudes are short). */
        public Writer writeLong(long value) {
            long v = (value << 1) ^ (value >> 63);
            ensure(10);
            while ((v & ~0x7FL) != 0) {
                buf[size++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            buf[size++] = (byte) v;
            return this;
        }

        public Writer writeBytes(byte[] bytes) {
            writeLong(bytes.length);
            ensure(bytes.length);
            System.arraycopy(bytes, 0, buf, size, bytes.length);
            size += bytes.length;
            return this;
        }

        /** A string or null. */
        public Writer writeString(String value) {
            if (value == null) {
                return writeLong(-1);
            }
            return writeBytes(value.getBytes(StandardCharsets.UTF_8));
        }

        /** An exact decimal or null: its scale, then its unscaled value (a long when it fits). */
        public Writer writeDecimal(BigDecimal value) {
            if (value == null) {
                return writeByte(0);
            }
            BigInteger unscaled = value.unscaledValue();
            if (unscaled.bitLength() < 64) {
                writeByte(1).writeLong(value.scale()).writeLong(unscaled.longValueExact());
            } else {
                writeByte(2).writeLong(value.scale()).writeBytes(unscaled.toByteArray());
            }
            return this;
        }

        /** A list or null: its size (-1 for null), then each element as {@code element} writes it. */
        public <T> Writer writeList(List<T> values, BiConsumer<Writer, T> element) {
            if (values == null) {
                return writeLong(-1);
            }
            writeLong(values.size());
            for (T value : values) {
                element.accept(this, value);
            }
            return this;
        }

        /** An instant (seconds and nanoseconds) or null. */
        public Writer writeInstant(Instant value) {
            if (value == null) {
                return writeByte(0);
            }
            return writeByte(1).writeLong(value.getEpochSecond()).writeLong(value.getNano());
        }

        public byte[] toByteArray() {
            return Arrays.copyOf(buf, size);
        }
    }

    /** Reads the fields a {@link Writer} wrote, in the same order. */
    public static final class Reader {
        private final byte[] buf;
        private int at;

        public Reader(byte[] buf, int offset) {
            this.buf = buf;
            this.at = offset;
        }

        public int readByte() {
            if (at >= buf.length) {
                throw new SerializationException("value ends early at byte " + at);
            }
            return buf[at++];
        }

        public boolean readBoolean() {
            return readByte() != 0;
        }

        public long readLong() {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                int b = readByte();
                v |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return (v >>> 1) ^ -(v & 1);
                }
            }
            throw new SerializationException("malformed varint at byte " + at);
        }

        public int readInt() {
            long v = readLong();
            if (v != (int) v) {
                throw new SerializationException("int out of range at byte " + at + ": " + v);
            }
            return (int) v;
        }

        public byte[] readBytes() {
            long length = readLong();
            if (length < 0 || length > buf.length - at) {
                throw new SerializationException("bad length " + length + " at byte " + at);
            }
            byte[] bytes = Arrays.copyOfRange(buf, at, at + (int) length);
            at += (int) length;
            return bytes;
        }

        public String readString() {
            long length = readLong();
            if (length == -1) {
                return null;
            }
            if (length < 0 || length > buf.length - at) {
                throw new SerializationException("bad string length " + length + " at byte " + at);
            }
            String value = new String(buf, at, (int) length, StandardCharsets.UTF_8);
            at += (int) length;
            return value;
        }

        public BigDecimal readDecimal() {
            return switch (readByte()) {
                case 0 -> null;
                case 1 -> {
                    int scale = readInt();
                    yield BigDecimal.valueOf(readLong(), scale);
                }
                case 2 -> {
                    int scale = readInt();
                    yield new BigDecimal(new BigInteger(readBytes()), scale);
                }
                default -> throw new SerializationException("bad decimal tag at byte " + (at - 1));
            };
        }

        /** A list {@link Writer#writeList} wrote (unmodifiable), or null. */
        public <T> List<T> readList(Function<Reader, T> element) {
            int count = readInt();
            if (count == -1) {
                return null;
            }
            if (count < 0) {
                throw new SerializationException("bad item count " + count + " at byte " + at);
            }
            // the count only hints the capacity: a damaged value must fail on reading, not allocate a huge array
            List<T> values = new ArrayList<>(Math.min(count, 16));
            for (int i = 0; i < count; i++) {
                values.add(element.apply(this));
            }
            return Collections.unmodifiableList(values);
        }

        public Instant readInstant() {
            return switch (readByte()) {
                case 0 -> null;
                case 1 -> {
                    long seconds = readLong();
                    yield Instant.ofEpochSecond(seconds, readInt());
                }
                default -> throw new SerializationException("bad instant tag at byte " + (at - 1));
            };
        }

        /** Whether bytes are left: a field appended by a later version follows. */
        public boolean hasMore() {
            return at < buf.length;
        }

        /** Fails unless every byte was read: a value of another shape must not pass as this one. */
        public void requireEnd(String topic) {
            if (at != buf.length) {
                throw new SerializationException((buf.length - at) + " bytes left over in a value of " + topic);
            }
        }
    }
}
