package dev.streamsuite.runtime.config;

import dev.streamsuite.runtime.query.QueryHosts;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings every service shares ({@code suite.*}).
 *
 * @param applicationServer this instance's {@code host:port} for other instances (Kafka Streams'
 *                          {@code application.server}); default: Kafka Streams' own setting if given, else
 *                          {@code localhost:<server.port>} (see {@code QueryHosts})
 * @param groupInstanceId   static group membership ({@code group.instance.id}), e.g. the pod name of a
 *                          StatefulSet, so a restarted instance gets its tasks back without a rebalance;
 *                          unset: dynamic membership
 * @param maxFutureSkew     how far ahead of the wall clock an event time may lie before it is bad input
 * @param topics            topic creation on start-up
 * @param query             the HTTP query layer
 * @param rocksdb           the state stores' native memory
 */
@Validated
@ConfigurationProperties("suite")
public record SuiteProperties(@Pattern(regexp = "\\s*|\\s*\\S+:(?:[1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])\\s*",
                                       message = QueryHosts.ADDRESS_RULE) // a first check at binding: QueryHosts decides
                              String applicationServer,
                              String groupInstanceId,
                              @NotNull @DurationMin(millis = 0) @DefaultValue("PT15M") Duration maxFutureSkew,
                              @Valid @NotNull @DefaultValue Topics topics,
                              @Valid @NotNull @DefaultValue Query query,
                              @Valid @NotNull @DefaultValue RocksDb rocksdb) {

    /**
     * @param create            create missing topics on start-up
     * @param partitions        partitions of created topics
     * @param replicationFactor replication of created topics and of Kafka Streams' internal topics
     * @param brokerTimeout     how long start-up waits for the broker before failing
     */
    public record Topics(@DefaultValue("true") boolean create,
                         @Min(1) @DefaultValue("6") int partitions,
                         @Min(1) @Max(32767) @DefaultValue("1") short replicationFactor,
                         @NotNull @DurationMin(millis = 1) @DefaultValue("PT60S") Duration brokerTimeout) {
    }

    /**
     * @param forwardTimeout    timeout of a call to another instance
     * @param retryAfterSeconds the Retry-After of a 503 while a store is not queryable
     * @param maxStandbyLag     how many records a standby copy may lag behind its changelog and still answer
     *                          for a failed active copy. Default 1, i.e. caught up: under exactly-once every
     *                          transaction ends with a commit marker that a standby never restores. A standby
     *                          assigned moments ago lags by the whole partition and must not answer.
     */
    public record Query(@NotNull @DurationMin(millis = 1) @DefaultValue("PT5S") Duration forwardTimeout,
                        @Min(1) @DefaultValue("1") int retryAfterSeconds,
                        @Min(0) @DefaultValue("1") long maxStandbyLag) {
    }

    /**
     * @param memory one budget for the block cache and the memtables of all RocksDB stores of the instance
     *               (half of it for memtables); {@code 0}: Kafka Streams' own settings, a 50 MB block cache and
     *               up to 48 MB of memtables for each RocksDB instance, of which a service has dozens
     */
    public record RocksDb(@NotNull @DefaultValue("128MB") DataSize memory) {
    }
}
