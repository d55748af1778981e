package dev.streamsuite.runtime.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamsuite.model.Purchase;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class InputSerdeTest {

    private static final Serde<Input<Purchase>> REPARTITIONED = InputSerde.repartitioned(Purchase::parse,
            (out, p) -> out.writeString(p.purchaseId()).writeString(p.userId()).writeDecimal(p.amount())
                    .writeString(p.type()).writeInstant(p.timestamp()),
            in -> new Purchase(in.readString(), in.readString(), in.readDecimal(), in.readString(), in.readInstant()));

    private static final byte[] RAW = ("  {\"purchaseId\":\"p-1\",\"userId\":\"ü-1\",\"amount\":12.50,"
            + "\"timestamp\":\"2026-11-24T10:03:12.5+01:00\",\"extra\":1}").getBytes(StandardCharsets.UTF_8);

    @Test
    void carriesTheParsedValueAndTheOriginalBytes() {
        Input<Purchase> read = InputSerde.of(Purchase::parse, false).deserializer().deserialize("purchases", RAW);
        byte[] wire = REPARTITIONED.serializer().serialize("by-user", read);
        Input<Purchase> back = REPARTITIONED.deserializer().deserialize("by-user", wire);
        assertThat(back.isValid()).isTrue();
        assertThat(back.value()).isEqualTo(read.value());
        assertThat(back.value().amount().scale()).isEqualTo(2);
        assertThat(back.raw()).isEqualTo(RAW);
    }

    @Test
    void readsRecordsAnEarlierVersionWroteAsPlainJson() {
        Input<Purchase> back = REPARTITIONED.deserializer().deserialize("by-user", RAW);
        assertThat(back.isValid()).isTrue();
        assertThat(back.value().userId()).isEqualTo("ü-1");
        assertThat(back.raw()).isEqualTo(RAW);
        assertThat(REPARTITIONED.deserializer().deserialize("by-user", null).isValid()).isFalse();
    }
}
