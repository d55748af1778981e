package dev.streamsuite.runtime.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.WindowBytesStoreSupplier;
import org.junit.jupiter.api.Test;

/**
 * The supplier's settings. That a store reopened with another retention still finds its data takes a real
 * state directory across restarts: {@code PurchaseAggregatorIT#aRestartWithAnotherRetentionKeepsTheOpenWindows}.
 */
class WindowStoresTest {

    @Test
    void theSegmentIntervalIsTheGivenOneWhateverTheRetention() {
        Duration segment = WindowStores.kafkaStreamsSegmentInterval(Duration.ofDays(7));
        assertThat(segment).isEqualTo(Duration.ofHours(84));
        for (Duration retention : new Duration[] {Duration.ofMinutes(10), Duration.ofDays(7), Duration.ofDays(90)}) {
            WindowBytesStoreSupplier s = WindowStores.persistent("s", retention, Duration.ofMinutes(5), segment);
            assertThat(s.segmentIntervalMs()).isEqualTo(segment.toMillis());
            assertThat(s.retentionPeriod()).isEqualTo(retention.toMillis());
            assertThat(s.windowSize()).isEqualTo(Duration.ofMinutes(5).toMillis());
            assertThat(s.retainDuplicates()).isFalse();
        }
    }

    @Test
    void changelogsKeepRecordsByTheTimeTheyWereWritten() {
        var builder = WindowStores.builder(WindowStores.persistent("s", Duration.ofDays(7), Duration.ofMinutes(5),
                Duration.ofHours(84)), Serdes.String(), Serdes.Long());
        assertThat(builder.loggingEnabled()).isTrue();
        assertThat(builder.logConfig()).isEqualTo(Map.of("message.timestamp.type", "LogAppendTime"));
        var history = VersionedStores.builder(VersionedStores.persistent("h", Duration.ofDays(7), Duration.ofHours(1)),
                Serdes.String(), Serdes.Long());
        assertThat(history.loggingEnabled()).isTrue();
        assertThat(history.logConfig()).isEqualTo(EventTimeTopics.CONFIGS);
        assertThat(EventTimeTopics.rollsByTime("604800000")).isTrue();
        assertThat(EventTimeTopics.rollsByTime(Long.toString(Long.MAX_VALUE))).isFalse();
    }

    @Test
    void theSameChecksAsKafkaStreams() {
        Duration segment = Duration.ofHours(12);
        assertThatThrownBy(() -> WindowStores.persistent("s", Duration.ofMinutes(1), Duration.ofMinutes(5), segment))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not be shorter than the window");
        assertThatThrownBy(() -> WindowStores.persistent("s", Duration.ofDays(1), Duration.ofMinutes(5), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(WindowStores.kafkaStreamsSegmentInterval(Duration.ofSeconds(10))).isEqualTo(Duration.ofMinutes(1));
    }
}
