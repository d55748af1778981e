package dev.streamsuite.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.streamsuite.loadgen.GeneratedRecord.Defect;
import dev.streamsuite.loadgen.GeneratedRecord.Kind;
import dev.streamsuite.loadgen.LoadGenerator.Options;
import dev.streamsuite.model.Customer;
import dev.streamsuite.model.Order;
import dev.streamsuite.model.OrderItem;
import dev.streamsuite.model.Purchase;
import dev.streamsuite.model.Transaction;
import dev.streamsuite.model.Validated;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RecordFactoryTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static List<GeneratedRecord> generate(Options options, int n) {
        return new RecordFactory(options, CLOCK).next(n);
    }

    @Test
    void customersAreSentFirstAllOfThemOnce() {
        Options options = Options.defaults().withCustomers(30);
        List<GeneratedRecord> records = generate(options, 30);

        assertThat(records).extracting(GeneratedRecord::key)
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 30).mapToObj(i -> "c-" + i).toList());
        assertThat(records).allSatisfy(r -> {
            assertThat(r.topic()).isEqualTo("customers");
            assertThat(r.kind()).isEqualTo(Kind.VALID);
            Customer customer = Customer.parse(r.value()).value();
            assertThat(customer.customerId()).isEqualTo(r.key());
            assertThat(customer.updatedAt()).isBetween(NOW.minus(Duration.ofHours(1)), NOW.minus(Duration.ofMinutes(30)));
        });
        assertThat(new RecordFactory(options, CLOCK).snapshotSize()).isEqualTo(30);
        assertThat(new RecordFactory(options.withTopics(EventType.ORDERS), CLOCK).snapshotSize()).isZero();
    }

    @Test
    void validRecordsParseWithTheModelAndAreKeyedByTheirId() {
        List<GeneratedRecord> records = generate(Options.defaults(), 20_000);

        Map<EventType, Integer> validPerType = new EnumMap<>(EventType.class);
        for (GeneratedRecord r : records) {
            if (r.isBad()) {
                continue;
            }
            validPerType.merge(r.type(), 1, Integer::sum);
            assertThat(r.topic()).isEqualTo(r.type().defaultTopic());
            assertThat(r.key()).isNotNull();
            switch (r.type()) {
                case PURCHASES -> {
                    Purchase p = valid(Purchase.parse(r.value()));
                    assertThat(p.userId()).isEqualTo(r.key()).matches("u-([1-9]|[1-4][0-9]|50)");
                    assertThat(p.purchaseId()).matches("p-\\d+");
                    assertThat(p.type()).isIn("PURCHASE", "REFUND");
                    assertThat(p.amount().scale()).isEqualTo(2);
                    assertThat(p.amount()).isPositive();
                    assertThat(r.timestamp()).isEqualTo(p.timestamp());
                }
                case TRANSACTIONS -> {
                    Transaction t = valid(Transaction.parse(r.value()));
                    assertThat(t.userId()).isEqualTo(r.key());
                    assertThat(t.transactionId()).matches("t-\\d+");
                    assertThat(t.amount().scale()).isEqualTo(2);
                    assertThat(t.merchant()).matches("m-\\d+");
                    assertThat(t.country()).hasSize(2);
                    assertThat(r.timestamp()).isEqualTo(t.timestamp());
                }
                case ORDERS -> {
                    Order o = valid(Order.parse(r.value()));
                    assertThat(o.orderId()).isEqualTo(r.key()).matches("o-\\d+");
                    assertThat(o.customerId()).matches("c-(unknown-)?\\d+");
                    assertThat(o.currency()).isEqualTo("EUR");
                    assertThat(o.items()).isNotEmpty();
                    BigDecimal sum = o.items().stream()
                            .map(i -> i.unitPrice().multiply(BigDecimal.valueOf(i.quantity())))
                            .reduce(BigDecimal.ZERO, BigDecimal::add);
                    assertThat(o.amount()).isEqualByComparingTo(sum);
                    assertThat(o.items()).extracting(OrderItem::sku).doesNotHaveDuplicates();
                    assertThat(r.timestamp()).isEqualTo(o.timestamp());
                }
                case CUSTOMERS -> {
                    if (r.kind() == Kind.TOMBSTONE) {
                        assertThat(r.value()).isNull();
                    } else {
                        Customer c = valid(Customer.parse(r.value()));
                        assertThat(c.customerId()).isEqualTo(r.key());
                        assertThat(c.tier()).isIn("BRONZE", "SILVER", "GOLD", "PLATINUM");
                        assertThat(c.email()).contains("@");
                        assertThat(r.timestamp()).isEqualTo(c.updatedAt());
                    }
                    assertThat(r.key()).matches("c-([1-9]\\d?|1\\d\\d|200)");
                }
            }
        }
        // the mix 4:3:1:2 after the 200 customers of the snapshot
        assertThat(validPerType.get(EventType.PURCHASES)).isGreaterThan(validPerType.get(EventType.TRANSACTIONS));
        assertThat(validPerType.get(EventType.TRANSACTIONS)).isGreaterThan(validPerType.get(EventType.ORDERS));
        assertThat(validPerType.get(EventType.ORDERS)).isGreaterThan(validPerType.get(EventType.CUSTOMERS) - 200);
    }

    @Test
    void eventTimesLagTheClockBySecondsAndLatePurchasesByTwentyMinutes() {
        List<GeneratedRecord> records = generate(Options.defaults().withLateRatio(0.1), 10_000);

        List<GeneratedRecord> mixed = records.subList(200, records.size());
        assertThat(mixed).filteredOn(r -> r.kind() == Kind.VALID && r.type() != EventType.CUSTOMERS).allSatisfy(r ->
                assertThat(r.timestamp()).isBetween(NOW.minus(RecordFactory.MAX_JITTER), NOW));
        // versions of one customer are a millisecond apart at least, which a stopped clock can push past NOW
        assertThat(mixed).filteredOn(r -> r.type() == EventType.CUSTOMERS).allSatisfy(r ->
                assertThat(r.timestamp()).isBetween(NOW.minus(RecordFactory.MAX_JITTER), NOW.plusSeconds(1)));
        // out of order: neighbours have different event times
        assertThat(mixed.stream().map(GeneratedRecord::timestamp).distinct().count()).isGreaterThan(1000);
        List<GeneratedRecord> late = mixed.stream().filter(r -> r.kind() == Kind.LATE).toList();
        long purchases = mixed.stream().filter(r -> r.type() == EventType.PURCHASES && !r.isBad()).count();
        assertThat((double) late.size() / purchases).isCloseTo(0.1, within(0.03));
        assertThat(late).allSatisfy(r -> {
            assertThat(r.type()).isEqualTo(EventType.PURCHASES);
            assertThat(valid(Purchase.parse(r.value())).timestamp())
                    .isBetween(NOW.minus(Duration.ofMinutes(21)), NOW.minus(Duration.ofMinutes(19)));
        });
    }

    @Test
    void roughlyTheConfiguredShareIsBadAndEveryBadRecordBreaksTheContract() {
        double badRatio = 0.1;
        List<GeneratedRecord> records = generate(Options.defaults().withBadRatio(badRatio), 30_000);
        List<GeneratedRecord> mixed = records.subList(200, records.size());

        long bad = mixed.stream().filter(GeneratedRecord::isBad).count();
        assertThat((double) bad / mixed.size()).isCloseTo(badRatio, within(0.01));
        assertThat(records).allSatisfy(r -> assertThat(meetsContract(r))
                .as("%s %s %s key=%s value=%s", r.kind(), r.defect(), r.topic(), r.key(), text(r.value()))
                .isEqualTo(!r.isBad()));
        Map<EventType, Set<Defect>> defects = new EnumMap<>(EventType.class);
        mixed.stream().filter(GeneratedRecord::isBad)
                .forEach(r -> defects.computeIfAbsent(r.type(), t -> EnumSet.noneOf(Defect.class)).add(r.defect()));
        assertThat(defects).hasSize(4).allSatisfy((type, seen) -> assertThat(seen).containsExactlyInAnyOrder(Defect.values()));
        assertThat(mixed).filteredOn(r -> !r.isBad()).extracting(GeneratedRecord::defect).containsOnlyNulls();
    }

    /** run-local.sh prints the first order's id as the one to ask for, so it is never bad input (it was, in a run). */
    @Test
    void theFirstOrderIsNeverBad() {
        for (long seed = 1; seed <= 20; seed++) {
            List<GeneratedRecord> orders = generate(Options.defaults().withTopics(EventType.ORDERS).withBadRatio(1.0)
                    .withSeed(seed), 3);
            assertThat(orders.get(0).key()).isEqualTo("o-1");
            assertThat(orders.get(0).kind()).as("seed %s", seed).isEqualTo(Kind.VALID);
            assertThat(orders.subList(1, 3)).allMatch(GeneratedRecord::isBad);
        }
    }

    @Test
    void aBadAmountIsAStringOrZero() {
        List<GeneratedRecord> bad = generate(Options.defaults().withBadRatio(1), 5_000).stream()
                .filter(GeneratedRecord::isBad).toList();

        assertThat(bad).filteredOn(r -> r.type() == EventType.PURCHASES && r.defect() == Defect.WRONG_TYPE)
                .isNotEmpty().allSatisfy(r -> assertThat(text(r.value())).containsPattern("\"amount\":\"\\d+\\.\\d\\d\""));
        assertThat(bad).filteredOn(r -> r.type() == EventType.TRANSACTIONS && r.defect() == Defect.OUT_OF_RANGE)
                .isNotEmpty().allSatisfy(r -> assertThat(text(r.value())).contains("\"amount\":0.00"));
        assertThat(bad).filteredOn(r -> r.defect() == Defect.MALFORMED_JSON)
                .isNotEmpty().allSatisfy(r -> assertThat(Purchase.parse(r.value()).code()).isEqualTo("invalid-json"));
    }

    @Test
    void withoutDefectsEveryRecordMeetsTheContract() {
        List<GeneratedRecord> records = generate(Options.defaults().withoutDefects(), 10_000);

        assertThat(records).allSatisfy(r -> assertThat(meetsContract(r)).isTrue());
        assertThat(records).extracting(GeneratedRecord::kind).doesNotContain(Kind.BAD, Kind.LATE, Kind.DUPLICATE);
    }

    @Test
    void duplicatesResendAnEarlierTransactionUnchangedAndIdsAreOtherwiseUnique() {
        List<GeneratedRecord> records = generate(Options.defaults().withDuplicateRatio(0.05).withTopics(EventType.TRANSACTIONS),
                20_000);

        Map<String, GeneratedRecord> byId = new HashMap<>();
        int duplicates = 0;
        for (GeneratedRecord r : records) {
            if (r.isBad()) {
                continue;
            }
            String id = valid(Transaction.parse(r.value())).transactionId();
            if (r.kind() == Kind.DUPLICATE) {
                duplicates++;
                GeneratedRecord original = byId.get(id);
                assertThat(original).as("original of %s", id).isNotNull();
                assertThat(r.key()).isEqualTo(original.key());
                assertThat(r.value()).isEqualTo(original.value());
                assertThat(r.timestamp()).isEqualTo(original.timestamp());
            } else {
                assertThat(byId.put(id, r)).as("transactionId %s reused", id).isNull();
            }
        }
        assertThat((double) duplicates / records.size()).isCloseTo(0.05, within(0.01));
    }

    @Test
    void balancesGoNegativeSometimesButNotMostOfTheTime() {
        List<GeneratedRecord> records = generate(Options.defaults().withoutDefects().withTopics(EventType.TRANSACTIONS),
                20_000);

        Map<String, BigDecimal> balances = new HashMap<>();
        int negative = 0;
        int credits = 0;
        for (GeneratedRecord r : records) {
            Transaction t = valid(Transaction.parse(r.value()));
            BigDecimal balance = balances.merge(t.userId(), t.amount(), BigDecimal::add);
            negative += balance.signum() < 0 ? 1 : 0;
            credits += t.amount().signum() > 0 ? 1 : 0;
        }
        assertThat((double) negative / records.size()).isBetween(0.01, 0.3);
        assertThat((double) credits / records.size()).isBetween(0.2, 0.6);
    }

    @Test
    void ordersMostlyReferenceKnownCustomers() {
        List<GeneratedRecord> orders = generate(Options.defaults().withoutDefects(), 20_000).stream()
                .filter(r -> r.type() == EventType.ORDERS).toList();

        long unknown = orders.stream().filter(r -> valid(Order.parse(r.value())).customerId().startsWith("c-unknown-"))
                .count();
        assertThat(unknown).isPositive();
        assertThat((double) unknown / orders.size()).isLessThan(0.05);
    }

    @Test
    void customersGetSeveralVersionsAndSometimesATombstone() {
        List<GeneratedRecord> customers = generate(Options.defaults().withoutDefects().withCustomers(20)
                .withTopics(EventType.CUSTOMERS), 3_000);

        Map<String, Long> versions = customers.stream()
                .collect(Collectors.groupingBy(GeneratedRecord::key, Collectors.counting()));
        assertThat(versions).hasSize(20).allSatisfy((id, n) -> assertThat(n).isGreaterThan(3));
        assertThat(customers).filteredOn(r -> r.kind() == Kind.TOMBSTONE).isNotEmpty();
        // per customer, versions and deletions follow each other in event time
        Map<String, Instant> last = new HashMap<>();
        for (GeneratedRecord r : customers) {
            Instant previous = last.put(r.key(), r.timestamp());
            if (previous != null) {
                assertThat(r.timestamp()).isAfter(previous);
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameRecordsAndAnotherSeedOthers() {
        Options options = Options.defaults().withBadRatio(0.05).withLateRatio(0.05).withDuplicateRatio(0.05);

        List<String> first = describe(generate(options, 5_000));
        List<String> again = describe(generate(options, 5_000));
        List<String> other = describe(generate(options.withSeed(43), 5_000));

        assertThat(again).isEqualTo(first);
        assertThat(other.subList(200, other.size())).isNotEqualTo(first.subList(200, first.size()));
    }

    @Test
    void aRunIdGoesIntoTheIdsAndTopicsCanBeRenamed() {
        Options options = Options.defaults().withoutDefects().withRunId("r7")
                .withTopics(Map.of(EventType.PURCHASES, "it-purchases", EventType.ORDERS, "it-orders"));
        List<GeneratedRecord> records = generate(options, 200);

        assertThat(records).extracting(GeneratedRecord::topic).containsOnly("it-purchases", "it-orders");
        assertThat(records).filteredOn(r -> r.type() == EventType.ORDERS).extracting(GeneratedRecord::key)
                .allMatch(key -> key.matches("o-r7-\\d+"));
        assertThat(records).filteredOn(r -> r.type() == EventType.PURCHASES)
                .allSatisfy(r -> assertThat(valid(Purchase.parse(r.value())).purchaseId()).matches("p-r7-\\d+"));
    }

    @Test
    void moneyIsWrittenAsExactDecimals() {
        List<GeneratedRecord> records = generate(Options.defaults().withoutDefects(), 2_000);

        assertThat(records).filteredOn(r -> r.value() != null && r.type() != EventType.CUSTOMERS)
                .allSatisfy(r -> assertThat(text(r.value())).containsPattern("\"amount\":-?\\d+\\.\\d\\d[,}]")
                        .doesNotContain("E+", "E-"));
    }

    /** What a service would accept per the contract: parseable, valid and keyed by its id. */
    private static boolean meetsContract(GeneratedRecord r) {
        String key = r.key();
        return switch (r.type()) {
            case PURCHASES -> check(Purchase.parse(r.value()), p -> key != null && key.equals(p.userId()));
            case TRANSACTIONS -> check(Transaction.parse(r.value()), t -> key != null && key.equals(t.userId()));
            case ORDERS -> check(Order.parse(r.value()), o -> key != null && key.equals(o.orderId()));
            case CUSTOMERS -> r.value() == null
                    ? key != null
                    : check(Customer.parse(r.value()), c -> key != null && key.equals(c.customerId()));
        };
    }

    private static <T> boolean check(Validated<T> validated, java.util.function.Predicate<T> keyed) {
        return validated.isValid() && keyed.test(validated.value());
    }

    private static <T> T valid(Validated<T> validated) {
        assertThat(validated.reason()).isNull();
        return validated.value();
    }

    private static List<String> describe(List<GeneratedRecord> records) {
        return records.stream().map(r -> r.topic() + "|" + r.key() + "|" + r.record().timestamp() + "|" + r.kind()
                + "|" + text(r.value())).toList();
    }

    private static String text(byte[] value) {
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }
}
