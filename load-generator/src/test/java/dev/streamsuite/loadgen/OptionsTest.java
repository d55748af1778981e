package dev.streamsuite.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamsuite.loadgen.LoadGenerator.Options;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OptionsTest {

    @Test
    void noArgumentsGiveTheDocumentedDefaults() {
        Options o = Options.parse();

        assertThat(o).isEqualTo(Options.defaults());
        assertThat(o.bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(o.topics()).containsExactly(Map.entry(EventType.PURCHASES, "purchases"),
                Map.entry(EventType.TRANSACTIONS, "transactions"), Map.entry(EventType.CUSTOMERS, "customers"),
                Map.entry(EventType.ORDERS, "orders"));
        assertThat(o.rate()).isEqualTo(50);
        assertThat(o.count()).isZero();
        assertThat(o.users()).isEqualTo(50);
        assertThat(o.customers()).isEqualTo(200);
        assertThat(o.badRatio()).isEqualTo(0.01);
        assertThat(o.lateRatio()).isEqualTo(0.01);
        assertThat(o.duplicateRatio()).isEqualTo(0.01);
        assertThat(o.seed()).isEqualTo(42);
        assertThat(o.progressSeconds()).isEqualTo(5);
        assertThat(o.runId()).isEmpty();
    }

    @Test
    void everyOptionIsRead() {
        Options o = Options.parse("--bootstrap-servers", "127.0.0.1:29092,other:9093", "--topics", "orders,customers",
                "--rate", "0", "--count", "1000000", "--users", "7", "--customers", "3", "--bad-ratio", "0.5",
                "--late-ratio", "0", "--duplicate-ratio", "1", "--seed", "-9", "--progress-seconds", "0",
                "--run-id", "bench1");

        assertThat(o).isEqualTo(new Options("127.0.0.1:29092,other:9093",
                Map.of(EventType.CUSTOMERS, "customers", EventType.ORDERS, "orders"), 0, 1_000_000, 7, 3, 0.5, 0, 1,
                -9, 0, "bench1"));
    }

    @Test
    void acceptsNameEqualsValueAndFractionalRates() {
        Options o = Options.parse("--rate=2.5", "--count=10", "--topics=purchases");

        assertThat(o.rate()).isEqualTo(2.5);
        assertThat(o.count()).isEqualTo(10);
        assertThat(o.topics()).containsOnlyKeys(EventType.PURCHASES);
    }

    @Test
    void topicsKeepAFixedOrderAndMayBeRenamed() {
        Options o = Options.parse("--topics", "orders, purchases=it-purchases");

        assertThat(o.topics()).containsExactly(Map.entry(EventType.PURCHASES, "it-purchases"),
                Map.entry(EventType.ORDERS, "orders"));
    }

    @Test
    void withMethodsDeriveVariants() {
        Options o = Options.defaults().withCount(5).withRate(0).withTopics(EventType.TRANSACTIONS).withoutDefects();

        assertThat(o.count()).isEqualTo(5);
        assertThat(o.rate()).isZero();
        assertThat(o.topics()).containsExactly(Map.entry(EventType.TRANSACTIONS, "transactions"));
        assertThat(o.badRatio() + o.lateRatio() + o.duplicateRatio()).isZero();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--nope                          | unknown option '--nope'",
            "--nope=1                        | unknown option '--nope'",
            "purchases                       | unexpected argument 'purchases'",
            "--rate                          | option --rate needs a value",
            "--rate abc                      | --rate expects a number, got 'abc'",
            "--rate -1                       | --rate must be a number >= 0",
            "--rate NaN                      | --rate expects a number",
            "--count 1.5                     | --count expects a whole number, got '1.5'",
            "--count -1                      | --count must be >= 0",
            "--users 0                       | --users must be >= 1",
            "--customers x                   | --customers expects a whole number",
            "--bad-ratio 1.5                 | --bad-ratio must be between 0 and 1",
            "--late-ratio -0.1               | --late-ratio must be between 0 and 1",
            "--duplicate-ratio 2             | --duplicate-ratio must be between 0 and 1",
            "--seed 4x                       | --seed expects a whole number",
            "--progress-seconds -5           | --progress-seconds must be >= 0",
            "--topics purchases,nope         | unknown topic 'nope'",
            "--topics purchases,,orders      | --topics has an empty entry",
            "--topics purchases=bad/name     | invalid topic name 'bad/name'",
            "--bootstrap-servers localhost   | --bootstrap-servers expects host:port",
            "--bootstrap-servers host:99999  | --bootstrap-servers expects host:port",
            "--run-id has-dash               | --run-id must be at most 64 letters",
            "--count --rate 5                | option --count needs a value",
    })
    void rejectsBadInputWithAOneLineMessage(String args, String message) {
        assertThatThrownBy(() -> Options.parse(args.trim().split("\\s+")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
