package dev.streamsuite.fraud.topology;

import dev.streamsuite.model.FraudAlert;
import dev.streamsuite.model.Json;
import dev.streamsuite.runtime.topology.TopologyEvents;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.test.TestRecord;

/** A {@link TopologyTestDriver} around {@link FraudTopology}, with readable inputs and parsed outputs. */
public final class FraudDriver implements AutoCloseable {

    /** Event times of the tests start here; the wall clock stands 30 days later. */
    public static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    public static final Instant NOW = T0.plus(Duration.ofDays(30));

    public final TopologyTestDriver driver;
    public final TestInputTopic<String, String> transactions;
    public final TestOutputTopic<String, String> alerts;
    public final TestOutputTopic<byte[], byte[]> dlq;
    public final Map<String, Integer> alertCounts = new ConcurrentHashMap<>();
    public final Map<String, Integer> deadLetterCodes = new ConcurrentHashMap<>();
    public final Map<String, Integer> duplicates = new ConcurrentHashMap<>();

    public FraudDriver(Path stateDir, RuleSettings rules, Duration dedupRetention, Duration alertRetention) {
        this(stateDir, rules, dedupRetention, alertRetention, NOW);
    }

    /** With the wall clock at {@code now}: event times more than 15 minutes past it are bad input. */
    public FraudDriver(Path stateDir, RuleSettings rules, Duration dedupRetention, Duration alertRetention, Instant now) {
        TopologyEvents events = new TopologyEvents() {
            @Override
            public void alert(String rule) {
                alertCounts.merge(rule, 1, Integer::sum);
            }

            @Override
            public void deadLettered(String topic, String code) {
                deadLetterCodes.merge(code, 1, Integer::sum);
            }

            @Override
            public void duplicate(String topic) {
                duplicates.merge(topic, 1, Integer::sum);
            }
        };
        FraudTopology topology = new FraudTopology(rules, dedupRetention, alertRetention, Duration.ofMinutes(15), events,
                Clock.fixed(now, ZoneOffset.UTC));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "fraud-detector-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(topology.build(), props, now);
        transactions = driver.createInputTopic(FraudTopology.INPUT, Serdes.String().serializer(), Serdes.String().serializer());
        alerts = driver.createOutputTopic(FraudTopology.ALERTS, Serdes.String().deserializer(), Serdes.String().deserializer());
        dlq = driver.createOutputTopic(FraudTopology.INPUT + ".dlq", Serdes.ByteArray().deserializer(),
                Serdes.ByteArray().deserializer());
    }

    public FraudDriver(Path stateDir, RuleSettings rules) {
        this(stateDir, rules, NOW);
    }

    /** The default retentions, with the wall clock at {@code now}. */
    public FraudDriver(Path stateDir, RuleSettings rules, Instant now) {
        this(stateDir, rules, Duration.ofDays(7), Duration.ofDays(7), now);
    }

    /** Only the given rules on (with the default parameters). */
    public static RuleSettings only(String... rules) {
        List<String> on = List.of(rules);
        RuleSettings d = RuleSettings.defaults();
        return new RuleSettings(new RuleSettings.NegativeBalance(on.contains(FraudRules.NEGATIVE_BALANCE)),
                new RuleSettings.Velocity(on.contains(FraudRules.VELOCITY), d.velocity().maxDebits(), d.velocity().window()),
                new RuleSettings.UnusualAmount(on.contains(FraudRules.UNUSUAL_AMOUNT), d.unusualAmount().factor(),
                        d.unusualAmount().minHistory()),
                new RuleSettings.CountryChange(on.contains(FraudRules.COUNTRY_CHANGE), d.countryChange().window()));
    }

    public static String tx(String id, String user, String amount, Instant time) {
        return tx(id, user, amount, time, null);
    }

    public static String tx(String id, String user, String amount, Instant time, String country) {
        return "{\"transactionId\":\"" + id + "\",\"userId\":\"" + user + "\",\"amount\":" + amount + ",\"timestamp\":\""
                + time + "\",\"merchant\":\"m-1\"" + (country == null ? "" : ",\"country\":\"" + country + "\"") + "}";
    }

    /** Sends a valid transaction keyed by its user. */
    public void send(String id, String user, String amount, Instant time) {
        transactions.pipeInput(user, tx(id, user, amount, time));
    }

    public void send(String id, String user, String amount, Instant time, String country) {
        transactions.pipeInput(user, tx(id, user, amount, time, country));
    }

    /** The alerts emitted since the last call, in output order. */
    public List<FraudAlert> readAlerts() {
        return alerts.readRecordsToList().stream().map(r -> Json.MAPPER.readValue(r.value(), FraudAlert.class)).toList();
    }

    public List<TestRecord<String, String>> readAlertRecords() {
        return alerts.readRecordsToList();
    }

    public UserState state(String userId) {
        KeyValueStore<String, UserState> store = driver.getKeyValueStore(FraudTopology.BALANCES_STORE);
        return store.get(userId);
    }

    public WindowStore<String, String> transactionIds() {
        return driver.getWindowStore(FraudTopology.TRANSACTION_IDS_STORE);
    }

    public WindowStore<String, AlertsAt> alertStore() {
        return driver.getWindowStore(FraudTopology.ALERTS_STORE);
    }

    @Override
    public void close() {
        driver.close();
    }
}
