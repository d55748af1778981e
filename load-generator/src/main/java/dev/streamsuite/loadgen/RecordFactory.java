package dev.streamsuite.loadgen;

import dev.streamsuite.loadgen.GeneratedRecord.Defect;
import dev.streamsuite.loadgen.GeneratedRecord.Kind;
import dev.streamsuite.model.Customer;
import dev.streamsuite.model.Json;
import dev.streamsuite.model.Order;
import dev.streamsuite.model.OrderItem;
import dev.streamsuite.model.Purchase;
import dev.streamsuite.model.Transaction;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import tools.jackson.databind.node.ObjectNode;

/**
 * Creates the generator's records without a broker. All choices come from one random sequence seeded by
 * {@link LoadGenerator.Options#seed()}, so the same options and a fixed {@link Clock} give byte-identical
 * records; with the wall clock only the event times differ between runs.
 *
 * <p>The traffic: first every customer once (a snapshot with {@code updatedAt} 30 to 60 minutes in the
 * past, so that orders find their customer), then a weighted mix of purchases, transactions, orders and
 * customer updates on the chosen topics. Each mixed record is replaced by a bad one with probability
 * {@code badRatio}; of the remaining purchases a share {@code lateRatio} is about 20 minutes old, of the
 * remaining transactions a share {@code duplicateRatio} re-sends an earlier transaction. Event times lag
 * the clock by up to {@link #MAX_JITTER}, so neighbouring events are out of order.
 *
 * <p>Not thread-safe: one factory feeds one sending loop.
 */
public final class RecordFactory {

    /** How far event times lag the clock at most, so that some events arrive out of order. */
    public static final Duration MAX_JITTER = Duration.ofSeconds(3);
    /** How old a late purchase is: late for a 5-minute window with 1 minute grace. */
    public static final Duration LATENESS = Duration.ofMinutes(20);

    static final double REFUND_SHARE = 0.04;
    static final double TOMBSTONE_SHARE = 0.02;
    static final double UNKNOWN_CUSTOMER_SHARE = 0.02;
    static final double FOREIGN_COUNTRY_SHARE = 0.05;
    static final String UNKNOWN_CUSTOMER_PREFIX = "c-unknown-";
    static final String CURRENCY = "EUR";

    private static final int MERCHANTS = 200;
    private static final int SKUS = 40;
    // duplicates must fall well inside the fraud detector's de-duplication retention, so only recent
    // transactions are re-sent
    private static final int RECENT_TRANSACTIONS = 1024;
    private static final long LATENESS_SPREAD_MS = Duration.ofMinutes(1).toMillis();

    private static final String[] COUNTRIES = {"GB", "DE", "FR", "NL", "ES", "IT", "IE", "PL", "SE", "US"};
    private static final String[] TIERS = {"BRONZE", "SILVER", "GOLD", "PLATINUM"};
    private static final double[] TIER_SHARES = {0.50, 0.30, 0.15, 0.05};
    private static final String[] DOMAINS = {"example.com", "example.org", "example.net", "mail.example"};
    private static final String[] FIRST_NAMES = {"Ada", "Alan", "Grace", "Edsger", "Barbara", "Donald", "Margaret",
            "Dennis", "Frances", "Ken", "Radia", "Niklaus", "Shafi", "Tim", "Sophie", "John", "Hedy", "Linus",
            "Katherine", "Guido", "Anita", "Bjarne", "Jean", "Leslie", "Karen", "Tony", "Mary", "Whitfield"};
    private static final String[] LAST_NAMES = {"Lovelace", "Turing", "Hopper", "Dijkstra", "Liskov", "Knuth",
            "Hamilton", "Ritchie", "Allen", "Thompson", "Perlman", "Wirth", "Goldwasser", "Berners-Lee", "Wilson",
            "McCarthy", "Lamarr", "Torvalds", "Johnson", "van Rossum", "Borg", "Stroustrup", "Sammet", "Lamport",
            "Sparck Jones", "Hoare", "Keller", "Diffie"};

    private static final List<String> PURCHASE_REQUIRED = List.of("purchaseId", "userId", "amount", "timestamp");
    private static final List<String> TRANSACTION_REQUIRED = List.of("transactionId", "userId", "amount", "timestamp");
    private static final List<String> ORDER_REQUIRED = List.of("orderId", "customerId", "amount", "timestamp");
    private static final List<String> CUSTOMER_REQUIRED = List.of("customerId", "name", "updatedAt");

    private final LoadGenerator.Options options;
    private final Clock clock;
    private final SplittableRandom random;
    private final String idInfix;
    private final EventType[] mix;
    private final String[] userCountries;
    private final long[] balanceCents;
    private final CustomerState[] customers;
    private final BigDecimal[] skuPrices;
    private final List<ProducerRecord<String, byte[]>> recentTransactions = new ArrayList<>();
    private final boolean sendSnapshot;
    private int recentNext;
    private int snapshotSent;
    private long purchaseSeq;
    private long orderSeq;
    private long transactionSeq;

    /** A factory with event times from the wall clock. */
    public RecordFactory(LoadGenerator.Options options) {
        this(options, Clock.systemUTC());
    }

    /** A factory with event times from {@code clock}; with a fixed clock its output is fully reproducible. */
    public RecordFactory(LoadGenerator.Options options, Clock clock) {
        this.options = options;
        this.clock = clock;
        this.random = new SplittableRandom(options.seed());
        this.idInfix = options.runId().isEmpty() ? "" : options.runId() + "-";
        this.mix = options.topics().keySet().stream()
                .flatMap(type -> java.util.Collections.nCopies(type.weight(), type).stream())
                .toArray(EventType[]::new);
        this.sendSnapshot = options.topics().containsKey(EventType.CUSTOMERS);

        userCountries = new String[options.users()];
        for (int i = 0; i < userCountries.length; i++) {
            userCountries[i] = pick(COUNTRIES);
        }
        balanceCents = new long[options.users()];
        skuPrices = new BigDecimal[SKUS];
        for (int i = 0; i < SKUS; i++) {
            // shop prices: 0.99, 1.99, ... 199.99
            skuPrices[i] = money((1 + random.nextInt(200)) * 100L - 1);
        }
        Instant start = now();
        customers = new CustomerState[options.customers()];
        for (int i = 0; i < customers.length; i++) {
            String first = pick(FIRST_NAMES);
            String last = pick(LAST_NAMES);
            Instant created = start.minus(Duration.ofMinutes(30))
                    .minusMillis(random.nextLong(Duration.ofMinutes(30).toMillis()));
            customers[i] = new CustomerState(customerId(i + 1), first + " " + last,
                    email(first, last, i + 1), pickTier(), pick(COUNTRIES), created);
        }
    }

    /** The next record. */
    public GeneratedRecord next() {
        if (sendSnapshot && snapshotSent < customers.length) {
            CustomerState state = customers[snapshotSent++];
            return record(EventType.CUSTOMERS, state.customerId, Json.write(state.toCustomer()), state.updatedAt,
                    Kind.VALID);
        }
        EventType type = mix[random.nextInt(mix.length)];
        boolean bad = chance(options.badRatio());
        return switch (type) {
            case PURCHASES -> purchase(bad);
            case TRANSACTIONS -> transaction(bad);
            case CUSTOMERS -> customerUpdate(bad);
            // never the first order: run-local.sh prints its id as the one to ask for
            case ORDERS -> order(bad && orderSeq > 0);
        };
    }

    /** The next {@code n} records. */
    public List<GeneratedRecord> next(int n) {
        List<GeneratedRecord> records = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            records.add(next());
        }
        return records;
    }

    /** How many records the initial customer snapshot has (0 when the customers topic is not chosen). */
    public int snapshotSize() {
        return sendSnapshot ? customers.length : 0;
    }

    private GeneratedRecord purchase(boolean bad) {
        int user = pickUser();
        String userId = userId(user);
        String type = chance(REFUND_SHARE) ? "REFUND" : Purchase.PURCHASE;
        BigDecimal amount = money(purchaseCents());
        boolean late = !bad && chance(options.lateRatio());
        Instant timestamp = late ? lateTime() : eventTime();
        Purchase purchase = new Purchase("p-" + idInfix + (++purchaseSeq), userId, amount, type, timestamp);
        if (bad) {
            return bad(EventType.PURCHASES, userId, otherUserId(user), purchase, timestamp, PURCHASE_REQUIRED,
                    RecordFactory::amountAsString, node -> {
                        node.put("type", Purchase.PURCHASE);
                        node.put("amount", new BigDecimal("0.00"));
                    });
        }
        return record(EventType.PURCHASES, userId, Json.write(purchase), timestamp, late ? Kind.LATE : Kind.VALID);
    }

    private GeneratedRecord transaction(boolean bad) {
        if (!bad && !recentTransactions.isEmpty() && chance(options.duplicateRatio())) {
            ProducerRecord<String, byte[]> original = recentTransactions.get(random.nextInt(recentTransactions.size()));
            return new GeneratedRecord(EventType.TRANSACTIONS, new ProducerRecord<>(original.topic(), null,
                    original.timestamp(), original.key(), original.value()), Kind.DUPLICATE, null);
        }
        int user = pickUser();
        String userId = userId(user);
        long cents = transactionCents(user);
        String country = chance(FOREIGN_COUNTRY_SHARE) ? pick(COUNTRIES) : userCountries[user - 1];
        String merchant = "m-" + (1 + random.nextInt(MERCHANTS));
        Instant timestamp = eventTime();
        Transaction transaction = new Transaction("t-" + idInfix + (++transactionSeq), userId, money(cents),
                timestamp, merchant, country);
        if (bad) {
            return bad(EventType.TRANSACTIONS, userId, otherUserId(user), transaction, timestamp,
                    TRANSACTION_REQUIRED, RecordFactory::amountAsString,
                    node -> node.put("amount", new BigDecimal("0.00")));
        }
        balanceCents[user - 1] += cents;
        GeneratedRecord generated = record(EventType.TRANSACTIONS, userId, Json.write(transaction), timestamp,
                Kind.VALID);
        remember(generated.record());
        return generated;
    }

    private GeneratedRecord order(boolean bad) {
        int lines = 1 + random.nextInt(4);
        int[] skus = new int[lines];
        for (int i = 0; i < lines; i++) {
            int sku;
            do {
                sku = random.nextInt(SKUS);
            } while (contains(skus, i, sku));
            skus[i] = sku;
        }
        List<OrderItem> items = new ArrayList<>(lines);
        BigDecimal amount = BigDecimal.ZERO.setScale(2);
        for (int sku : skus) {
            int quantity = 1 + random.nextInt(3);
            items.add(new OrderItem(String.format("SKU-%03d", sku + 1), quantity, skuPrices[sku]));
            amount = amount.add(skuPrices[sku].multiply(BigDecimal.valueOf(quantity)));
        }
        String customerId = chance(UNKNOWN_CUSTOMER_SHARE)
                ? UNKNOWN_CUSTOMER_PREFIX + (1 + random.nextInt(1000))
                : customerId(1 + random.nextInt(customers.length));
        Instant timestamp = eventTime();
        String orderId = "o-" + idInfix + (++orderSeq);
        Order order = new Order(orderId, customerId, amount, CURRENCY, items, timestamp);
        if (bad) {
            // an order of amount 0 is valid (a free sample), so a negative amount stands in for "out of range";
            // keying by the customer instead of the order is the likely mistake
            return bad(EventType.ORDERS, orderId, customerId, order, timestamp, ORDER_REQUIRED,
                    RecordFactory::amountAsString, node -> node.put("amount", order.amount().negate()));
        }
        return record(EventType.ORDERS, orderId, Json.write(order), timestamp, Kind.VALID);
    }

    private GeneratedRecord customerUpdate(boolean bad) {
        int index = random.nextInt(customers.length);
        CustomerState state = customers[index];
        // versions of one customer keep their order in event time, however the jitter falls, so that a
        // deletion and a re-creation are not swapped
        Instant timestamp = later(eventTime(), state.updatedAt.plusMillis(1));
        if (bad) {
            Customer proposed = state.changed(this, timestamp).toCustomer();
            String otherId = customers.length > 1 ? customerId(1 + (index + 1) % customers.length) : "c-0";
            return bad(EventType.CUSTOMERS, state.customerId, otherId,
                    proposed, timestamp, CUSTOMER_REQUIRED,
                    node -> node.put("updatedAt", timestamp.toEpochMilli()),
                    node -> node.put("customerId", ""));
        }
        if (!state.deleted && chance(TOMBSTONE_SHARE)) {
            state.deleted = true;
            state.updatedAt = timestamp;
            return record(EventType.CUSTOMERS, state.customerId, null, timestamp, Kind.TOMBSTONE);
        }
        CustomerState next = state.deleted ? state.recreated(timestamp) : state.changed(this, timestamp);
        customers[index] = next;
        return record(EventType.CUSTOMERS, next.customerId, Json.write(next.toCustomer()), timestamp, Kind.VALID);
    }

    private GeneratedRecord bad(EventType type, String key, String wrongKey, Object valid, Instant timestamp,
                                List<String> required, Consumer<ObjectNode> wrongType,
                                Consumer<ObjectNode> outOfRange) {
        Defect defect = Defect.values()[random.nextInt(Defect.values().length)];
        byte[] json = Json.write(valid);
        byte[] value;
        switch (defect) {
            case MALFORMED_JSON -> {
                // any proper prefix of a JSON object is malformed; cutting in the second half keeps it
                // looking like a real truncated write
                int cut = json.length / 2 + random.nextInt(Math.max(1, json.length - json.length / 2 - 1));
                value = Arrays.copyOf(json, Math.max(1, Math.min(cut, json.length - 1)));
            }
            case MISSING_FIELD -> value = edit(json, node -> node.remove(required.get(random.nextInt(required.size()))));
            case WRONG_TYPE -> value = edit(json, wrongType);
            case OUT_OF_RANGE -> value = edit(json, outOfRange);
            case KEY_MISMATCH -> {
                value = json;
                key = wrongKey;
            }
            default -> throw new IllegalStateException("unhandled defect " + defect);
        }
        return new GeneratedRecord(type, producerRecord(type, key, value, timestamp), Kind.BAD, defect);
    }

    private static boolean contains(int[] values, int length, int value) {
        for (int i = 0; i < length; i++) {
            if (values[i] == value) {
                return true;
            }
        }
        return false;
    }

    private static byte[] edit(byte[] json, Consumer<ObjectNode> change) {
        ObjectNode node = (ObjectNode) Json.MAPPER.readTree(json);
        change.accept(node);
        return Json.write(node);
    }

    private static void amountAsString(ObjectNode node) {
        node.put("amount", node.get("amount").decimalValue().toPlainString());
    }

    private GeneratedRecord record(EventType type, String key, byte[] value, Instant timestamp, Kind kind) {
        return new GeneratedRecord(type, producerRecord(type, key, value, timestamp), kind, null);
    }

    private ProducerRecord<String, byte[]> producerRecord(EventType type, String key, byte[] value, Instant timestamp) {
        return new ProducerRecord<>(options.topics().get(type), null, timestamp.toEpochMilli(), key, value);
    }

    private void remember(ProducerRecord<String, byte[]> transaction) {
        if (recentTransactions.size() < RECENT_TRANSACTIONS) {
            recentTransactions.add(transaction);
        } else {
            recentTransactions.set(recentNext, transaction);
            recentNext = (recentNext + 1) % RECENT_TRANSACTIONS;
        }
    }

    /**
     * A signed amount in cents that keeps most balances positive but lets some go below zero: accounts
     * in the red are mostly topped up, and now and then a debit overdraws a positive balance.
     */
    private long transactionCents(int user) {
        long balance = balanceCents[user - 1];
        boolean credit = balance <= 0 ? chance(0.7) : chance(0.3);
        if (credit) {
            return 2_000 + random.nextLong(48_000);
        }
        if (balance > 0 && chance(0.08)) {
            return -(balance + 1 + random.nextLong(10_000));
        }
        return -(100 + random.nextLong(Math.max(1_000, balance / 2)));
    }

    /** Log-normal around 25.00, as basket values are: many small, a few large. */
    private long purchaseCents() {
        double amount = Math.exp(Math.log(25) + 0.9 * random.nextGaussian());
        return Math.max(50, Math.min(200_000, Math.round(amount * 100)));
    }

    /** Users are picked with a skew, so a few are much more active than the rest. */
    private int pickUser() {
        return 1 + (int) (options.users() * Math.pow(random.nextDouble(), 1.5));
    }

    private String otherUserId(int user) {
        int users = options.users();
        return users > 1 ? userId(user % users + 1) : "u-0";
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private Instant eventTime() {
        return now().minusMillis(random.nextLong(MAX_JITTER.toMillis() + 1));
    }

    private Instant lateTime() {
        return now().minus(LATENESS).plusMillis(random.nextLong(-LATENESS_SPREAD_MS, LATENESS_SPREAD_MS + 1));
    }

    private boolean chance(double probability) {
        return probability > 0 && random.nextDouble() < probability;
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    private String pickTier() {
        double r = random.nextDouble();
        for (int i = 0; i < TIERS.length - 1; i++) {
            r -= TIER_SHARES[i];
            if (r < 0) {
                return TIERS[i];
            }
        }
        return TIERS[TIERS.length - 1];
    }

    private String email(String first, String last, int n) {
        return (first + "." + last).toLowerCase(java.util.Locale.ROOT).replace(' ', '-') + n + "@" + pick(DOMAINS);
    }

    static String userId(int n) {
        return "u-" + n;
    }

    static String customerId(int n) {
        return "c-" + n;
    }

    static BigDecimal money(long cents) {
        return BigDecimal.valueOf(cents, 2);
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /** The generator's view of one customer: its latest version and whether it is deleted. */
    private static final class CustomerState {
        final String customerId;
        final String name;
        final String email;
        final String tier;
        final String country;
        Instant updatedAt;
        boolean deleted;

        CustomerState(String customerId, String name, String email, String tier, String country, Instant updatedAt) {
            this.customerId = customerId;
            this.name = name;
            this.email = email;
            this.tier = tier;
            this.country = country;
            this.updatedAt = updatedAt;
        }

        Customer toCustomer() {
            return new Customer(customerId, name, email, tier, country, updatedAt);
        }

        /** A new version with the kind of change customers make: a new tier, a new e-mail, a move abroad. */
        CustomerState changed(RecordFactory factory, Instant at) {
            double r = factory.random.nextDouble();
            if (r < 0.5) {
                return new CustomerState(customerId, name, email, factory.pickTier(), country, at);
            }
            if (r < 0.9) {
                String[] parts = name.split(" ", 2);
                return new CustomerState(customerId, name,
                        factory.email(parts[0], parts[1], 1 + factory.random.nextInt(10_000)), tier, country, at);
            }
            return new CustomerState(customerId, name, email, tier, factory.pick(COUNTRIES), at);
        }

        /** The customer signing up again after a deletion, starting over at the lowest tier. */
        CustomerState recreated(Instant at) {
            return new CustomerState(customerId, name, email, TIERS[0], country, at);
        }
    }
}
