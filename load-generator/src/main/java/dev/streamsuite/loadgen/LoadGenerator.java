package dev.streamsuite.loadgen;

import dev.streamsuite.loadgen.GeneratedRecord.Kind;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the records of a {@link RecordFactory} to Kafka at a given rate, printing progress, until a count
 * is reached or it is stopped (Ctrl-C on the command line, {@link #stop()} from code).
 *
 * <pre>
 * Summary s = new LoadGenerator(Options.defaults().withBootstrapServers("localhost:29092").withCount(10_000).withRate(0)).run();
 * </pre>
 */
public final class LoadGenerator {

    /** Exit code for an unknown option or a bad value. */
    public static final int EXIT_USAGE = 2;
    /** Exit code when records could not be sent. */
    public static final int EXIT_FAILED = 1;

    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(60);
    // with the broker gone, sends fail one by one after max.block.ms; a run that cannot deliver anything for
    // this long gives up rather than pretending to make progress forever
    static final Duration STALL_LIMIT = Duration.ofMinutes(2);
    private static final int MAX_CONSECUTIVE_SEND_ERRORS = 100;
    private static final long MAX_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    public static final String USAGE = """
            Usage: java -jar load-generator.jar [options]
            Sends realistic records to the suite's input topics, with a share of bad, late and duplicate records.
              --bootstrap-servers LIST  Kafka brokers, host:port[,host:port...] (default localhost:9092)
              --topics LIST             comma-separated kinds to send: purchases, transactions, customers, orders;
                                        KIND=TOPIC sends a kind to another topic (default: all four)
              --rate N                  records per second in total, 0 = as fast as possible (default 50)
              --count N                 records in total, 0 = until Ctrl-C (default 0)
              --users N                 users u-1..u-N for purchases and transactions (default 50)
              --customers N             customers c-1..c-N, all sent once at start (default 200)
              --bad-ratio R             share of bad records (invalid JSON, field or key), 0..1 (default 0.01)
              --late-ratio R            share of purchases about 20 minutes old, 0..1 (default 0.01)
              --duplicate-ratio R       share of transactions re-sent unchanged, 0..1 (default 0.01)
              --seed N                  random seed: the same seed sends the same records (default 42)
              --progress-seconds N      seconds between progress lines, 0 = none (default 5)
              --run-id ID               put ID into purchase, order and transaction ids (p-ID-1), so that
                                        repeated runs do not reuse them (default: none, p-1)
              --help                    show this help
            """;

    private static volatile boolean shuttingDown;

    private final Options options;
    private final RecordFactory factory;
    private final Producer<String, byte[]> producer;
    private final PrintStream out;
    private final Logger log = LoggerFactory.getLogger(LoadGenerator.class);
    private final AtomicBoolean started = new AtomicBoolean();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean stopRequested;
    private volatile String abortReason;
    private volatile Thread runner;

    /** A generator with its own Kafka producer (see {@link #producerConfig}), printing to standard out. */
    public LoadGenerator(Options options) {
        this(options, new KafkaProducer<>(producerConfig(options.bootstrapServers()), new StringSerializer(),
                new ByteArraySerializer()), System.out);
    }

    /** A generator sending through {@code producer}, which it closes when done. */
    public LoadGenerator(Options options, Producer<String, byte[]> producer, PrintStream out) {
        this(options, new RecordFactory(options), producer, out);
    }

    /** A generator sending the records of {@code factory} through {@code producer}, which it closes when done. */
    public LoadGenerator(Options options, RecordFactory factory, Producer<String, byte[]> producer, PrintStream out) {
        this.options = options;
        this.factory = factory;
        this.producer = producer;
        this.out = out;
    }

    /** The producer settings: every record acknowledged by all replicas, no duplicates from retries. */
    public static Map<String, Object> producerConfig(String bootstrapServers) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "load-generator");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return config;
    }

    public static void main(String[] args) {
        int code = cli(args, System.out, System.err);
        // exiting while the shutdown hook runs would block; the JVM is on its way out anyway
        if (!shuttingDown) {
            System.exit(code);
        }
    }

    /** The command line without {@code System.exit}: returns the exit code. */
    static int cli(String[] args, PrintStream out, PrintStream err) {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            out.print(USAGE);
            return 0;
        }
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.print(USAGE);
            return EXIT_USAGE;
        }
        quietKafkaLogging();
        LoadGenerator generator;
        try {
            if (!awaitCluster(options.bootstrapServers(), CONNECT_TIMEOUT, out)) {
                err.println("error: no Kafka broker answered at " + options.bootstrapServers() + " within "
                        + CONNECT_TIMEOUT.toSeconds() + " s");
                return EXIT_FAILED;
            }
            generator = new LoadGenerator(options);
        } catch (KafkaException e) {
            err.println("error: cannot connect to Kafka: " + rootMessage(e));
            err.print(USAGE);
            return EXIT_USAGE;
        }
        Thread hook = new Thread(() -> {
            shuttingDown = true;
            generator.stop();
            if (!generator.awaitTermination(Duration.ofSeconds(5))) {
                // most likely blocked in send() waiting for metadata of an unreachable broker
                generator.interruptRunner();
                generator.awaitTermination(CLOSE_TIMEOUT.plusSeconds(5));
            }
        }, "load-generator-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        Summary summary = generator.run();
        if (!shuttingDown) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook is running: nothing to undo
            }
        }
        if (summary.abortReason() != null) {
            err.println("error: " + summary.abortReason());
        }
        return summary.failed() > 0 || summary.abortReason() != null ? EXIT_FAILED : 0;
    }

    /**
     * Waits until a broker answers. Without it an unreachable broker shows only as each record failing after
     * {@code max.block.ms}, one a minute; with it a demo script may also start the generator right after the
     * broker.
     */
    static boolean awaitCluster(String bootstrapServers, Duration timeout, PrintStream out) {
        Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "load-generator-probe");
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean told = false;
        try (Admin admin = Admin.create(config)) {
            while (true) {
                try {
                    admin.describeCluster(new DescribeClusterOptions().timeoutMs(5_000)).clusterId()
                            .get(6, TimeUnit.SECONDS);
                    return true;
                } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                    if (System.nanoTime() - deadline >= 0) {
                        return false;
                    }
                    if (!told && out != null) {
                        out.println("load-generator: waiting for Kafka at " + bootstrapServers + " ...");
                        told = true;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
    }

    /**
     * Sends until {@link Options#count()} records are sent or {@link #stop()} is called, then flushes and
     * closes the producer and returns the totals. May be called once.
     */
    public Summary run() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("a LoadGenerator runs once");
        }
        runner = Thread.currentThread();
        long startNanos = System.nanoTime();
        Stats stats = new Stats(options.topics(), startNanos);
        RateLimiter limiter = new RateLimiter(options.rate());
        ScheduledExecutorService progress = startProgress(stats, startNanos);
        print(String.format(Locale.ROOT, "load-generator: %s records to %s on %s at %s, seed %d",
                options.count() == 0 ? "unlimited" : Long.toString(options.count()),
                String.join(",", options.topics().values()), options.bootstrapServers(),
                options.rate() == 0 ? "full speed" : formatRate(options.rate()) + " rec/s", options.seed()));
        long generated = 0;
        boolean interrupted = false;
        try {
            int consecutiveSendErrors = 0;
            while (!stopRequested && (options.count() == 0 || generated < options.count())) {
                if (!pause(limiter.reserve())) {
                    break;
                }
                GeneratedRecord record = factory.next();
                stats.generated(record);
                generated++;
                try {
                    EventType type = record.type();
                    producer.send(record.record(), (metadata, e) -> {
                        if (e == null) {
                            stats.acked(type, System.nanoTime());
                        } else {
                            stats.failed(type, e);
                        }
                    });
                    consecutiveSendErrors = 0;
                } catch (InterruptException e) {
                    interrupted = true;
                    break;
                } catch (KafkaException e) {
                    stats.failed(record.type(), e);
                    if (++consecutiveSendErrors >= MAX_CONSECUTIVE_SEND_ERRORS) {
                        abortReason = "the producer failed " + consecutiveSendErrors + " times in a row: " + e;
                        break;
                    }
                }
                if (stats.stalled(System.nanoTime(), STALL_LIMIT.toNanos())) {
                    abortReason = "no record was acknowledged for " + STALL_LIMIT.toSeconds() + " s; last error: "
                            + stats.firstError();
                    break;
                }
            }
            if (!interrupted && !Thread.currentThread().isInterrupted()) {
                producer.flush();
            }
        } catch (InterruptException e) {
            interrupted = true;
            log.warn("interrupted while flushing; records not yet acknowledged may be lost");
        } finally {
            if (progress != null) {
                progress.shutdownNow();
            }
            interrupted |= Thread.interrupted();
            // interrupted means the broker does not answer and someone is waiting for the JVM to exit
            try {
                producer.close(interrupted ? Duration.ofSeconds(5) : CLOSE_TIMEOUT);
            } catch (KafkaException e) {
                log.warn("closing the producer failed: {}", e.toString());
            }
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
        Summary summary = new Summary(generated, stats.sent(), stats.failed(), stats.sentPerTopic(),
                stats.generatedPerKind(), elapsed, abortReason);
        Map<Kind, Long> kinds = summary.generatedPerKind();
        print(String.format(Locale.ROOT,
                "done after %.1f s: generated %d, sent %d (%s), failed %d, %s rec/s on average; "
                        + "generated %d bad, %d late, %d duplicate, %d tombstone",
                elapsed.toMillis() / 1000.0, generated, summary.sent(), stats.perTopicText(), summary.failed(),
                formatRate(summary.sent() / Math.max(0.001, elapsed.toMillis() / 1000.0)), kinds.get(Kind.BAD),
                kinds.get(Kind.LATE), kinds.get(Kind.DUPLICATE), kinds.get(Kind.TOMBSTONE)));
        finished.countDown();
        return summary;
    }

    /** Asks {@link #run()} to finish: it stops generating, flushes, closes and returns. Any thread. */
    public void stop() {
        stopRequested = true;
        Thread thread = runner;
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }

    /** Waits for {@link #run()} to return; false if it has not within {@code timeout}. */
    public boolean awaitTermination(Duration timeout) {
        try {
            return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void interruptRunner() {
        Thread thread = runner;
        if (thread != null) {
            thread.interrupt();
        }
    }

    /** Waits for the rate limiter in short steps, so that a stop request is noticed; false when stopped. */
    private boolean pause(long nanos) {
        long deadline = System.nanoTime() + nanos;
        for (long left = nanos; left > 0; left = deadline - System.nanoTime()) {
            if (stopRequested) {
                return false;
            }
            LockSupport.parkNanos(this, Math.min(left, MAX_PAUSE_NANOS));
        }
        return !stopRequested;
    }

    private ScheduledExecutorService startProgress(Stats stats, long startNanos) {
        if (options.progressSeconds() == 0) {
            return null;
        }
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "load-generator-progress");
            thread.setDaemon(true);
            return thread;
        });
        long[] previous = {startNanos, 0};
        executor.scheduleAtFixedRate(() -> {
            long now = System.nanoTime();
            long sent = stats.sent();
            double rate = (sent - previous[1]) / Math.max(1e-9, (now - previous[0]) / 1e9);
            previous[0] = now;
            previous[1] = sent;
            print(String.format(Locale.ROOT, "[%7.1f s] sent %d (%s), failed %d, %s rec/s",
                    (now - startNanos) / 1e9, sent, stats.perTopicText(), stats.failed(), formatRate(rate)));
        }, options.progressSeconds(), options.progressSeconds(), TimeUnit.SECONDS);
        return executor;
    }

    private void print(String line) {
        if (out != null) {
            out.println(line);
            out.flush();
        }
    }

    private static String formatRate(double rate) {
        return rate >= 100 ? String.format(Locale.ROOT, "%.0f", rate) : String.format(Locale.ROOT, "%.1f", rate);
    }

    /** The Kafka clients log every setting at INFO; on the command line only their warnings matter. */
    private static void quietKafkaLogging() {
        setIfAbsent("org.slf4j.simpleLogger.log.org.apache.kafka", "warn");
        setIfAbsent("org.slf4j.simpleLogger.showDateTime", "true");
        setIfAbsent("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.toString();
    }

    /**
     * The totals of a run.
     *
     * @param generated        records taken from the factory (sent or not)
     * @param sent             records acknowledged by the broker
     * @param failed           records that could not be sent
     * @param sentPerTopic     acknowledged records by topic name
     * @param generatedPerKind generated records by what they were meant to be
     * @param elapsed          wall-clock duration of the run
     * @param abortReason      why the run gave up before its end, or null
     */
    public record Summary(long generated, long sent, long failed, Map<String, Long> sentPerTopic,
                          Map<Kind, Long> generatedPerKind, Duration elapsed, String abortReason) {
    }

    /**
     * What to generate and where to send it. {@link #defaults()} matches the command line's defaults;
     * the {@code with...} methods derive variants for code and tests.
     *
     * @param bootstrapServers Kafka brokers, {@code host:port[,host:port...]}
     * @param topics           the kinds to generate and the topic each goes to, in a fixed order
     * @param rate             records per second in total; 0 = as fast as the producer takes them
     * @param count            records in total, the initial customer snapshot included; 0 = until stopped
     * @param users            purchases and transactions use users {@code u-1..u-users}
     * @param customers        customers {@code c-1..c-customers}
     * @param badRatio         probability that a record (after the customer snapshot) is bad input
     * @param lateRatio        probability that a (valid) purchase is about 20 minutes old
     * @param duplicateRatio   probability that a (valid) transaction re-sends an earlier one
     * @param seed             seed of the random sequence all choices come from
     * @param progressSeconds  seconds between progress lines; 0 = none
     * @param runId            infix of purchase, order and transaction ids, empty for none
     */
    public record Options(String bootstrapServers, Map<EventType, String> topics, double rate, long count, int users,
                          int customers, double badRatio, double lateRatio, double duplicateRatio, long seed,
                          int progressSeconds, String runId) {

        private static final Pattern TOPIC_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
        private static final Pattern RUN_ID = Pattern.compile("[a-zA-Z0-9_]{0,64}");

        public Options {
            validateBootstrapServers(bootstrapServers);
            if (topics == null || topics.isEmpty()) {
                throw new IllegalArgumentException("--topics must name at least one of " + EventType.names());
            }
            Map<EventType, String> copy = new EnumMap<>(EventType.class);
            topics.forEach((type, topic) -> {
                if (topic == null || !TOPIC_NAME.matcher(topic).matches()) {
                    throw new IllegalArgumentException("invalid topic name '" + topic
                            + "' (letters, digits, '.', '_' and '-', at most 249)");
                }
                copy.put(type, topic);
            });
            topics = Collections.unmodifiableMap(copy);
            if (!(rate >= 0) || Double.isInfinite(rate)) {
                throw new IllegalArgumentException("--rate must be a number >= 0, got " + rate);
            }
            require(count >= 0, "--count must be >= 0, got " + count);
            require(users >= 1, "--users must be >= 1, got " + users);
            require(customers >= 1, "--customers must be >= 1, got " + customers);
            requireRatio("--bad-ratio", badRatio);
            requireRatio("--late-ratio", lateRatio);
            requireRatio("--duplicate-ratio", duplicateRatio);
            require(progressSeconds >= 0, "--progress-seconds must be >= 0, got " + progressSeconds);
            runId = runId == null ? "" : runId;
            require(RUN_ID.matcher(runId).matches(),
                    "--run-id must be at most 64 letters, digits or '_', got '" + runId + "'");
        }

        public static Options defaults() {
            Map<EventType, String> topics = new EnumMap<>(EventType.class);
            for (EventType type : EventType.values()) {
                topics.put(type, type.defaultTopic());
            }
            return new Options("localhost:9092", topics, 50, 0, 50, 200, 0.01, 0.01, 0.01, 42, 5, "");
        }

        /**
         * Reads command-line options ({@code --name value} or {@code --name=value}) over the defaults.
         *
         * @throws IllegalArgumentException with a one-line, user-facing message for an unknown option,
         *                                  a missing or bad value
         */
        public static Options parse(String... args) {
            Options o = defaults();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (!arg.startsWith("--")) {
                    throw new IllegalArgumentException("unexpected argument '" + arg + "'");
                }
                String name = arg;
                String value;
                int eq = arg.indexOf('=');
                if (eq >= 0) {
                    name = arg.substring(0, eq);
                    value = arg.substring(eq + 1);
                } else if (i + 1 < args.length && !isKnownOption(args[i + 1])) {
                    value = args[++i];
                } else {
                    value = null;
                }
                if (!isKnownOption(name)) {
                    throw new IllegalArgumentException("unknown option '" + name + "'");
                }
                if (value == null) {
                    throw new IllegalArgumentException("option " + name + " needs a value");
                }
                o = switch (name) {
                    case "--bootstrap-servers" -> o.withBootstrapServers(value);
                    case "--topics" -> o.withTopics(parseTopics(value));
                    case "--rate" -> o.withRate(parseDouble(name, value));
                    case "--count" -> o.withCount(parseLong(name, value));
                    case "--users" -> o.withUsers(parseInt(name, value));
                    case "--customers" -> o.withCustomers(parseInt(name, value));
                    case "--bad-ratio" -> o.withBadRatio(parseDouble(name, value));
                    case "--late-ratio" -> o.withLateRatio(parseDouble(name, value));
                    case "--duplicate-ratio" -> o.withDuplicateRatio(parseDouble(name, value));
                    case "--seed" -> o.withSeed(parseLong(name, value));
                    case "--progress-seconds" -> o.withProgressSeconds(parseInt(name, value));
                    case "--run-id" -> o.withRunId(value);
                    default -> throw new IllegalStateException("unhandled option " + name);
                };
            }
            return o;
        }

        static final List<String> OPTION_NAMES = List.of("--bootstrap-servers", "--topics", "--rate", "--count",
                "--users", "--customers", "--bad-ratio", "--late-ratio", "--duplicate-ratio", "--seed",
                "--progress-seconds", "--run-id");

        private static boolean isKnownOption(String arg) {
            return OPTION_NAMES.contains(arg);
        }

        public Options withBootstrapServers(String bootstrapServers) {
            return new Options(bootstrapServers, topics, rate, count, users, customers, badRatio, lateRatio,
                    duplicateRatio, seed, progressSeconds, runId);
        }

        /** Sends the given kinds, each to its default topic. */
        public Options withTopics(EventType... types) {
            Map<EventType, String> chosen = new EnumMap<>(EventType.class);
            for (EventType type : types) {
                chosen.put(type, type.defaultTopic());
            }
            return withTopics(chosen);
        }

        public Options withTopics(Map<EventType, String> topics) {
            return new Options(bootstrapServers, topics, rate, count, users, customers, badRatio, lateRatio,
                    duplicateRatio, seed, progressSeconds, runId);
        }

        public Options withRate(double rate) {
            return new Options(bootstrapServers, topics, rate, count, users, customers, badRatio, lateRatio,
                    duplicateRatio, seed, progressSeconds, runId);
        }

        public Options withCount(long count) {
            return new Options(bootstrapServers, topics, rate, count, users, customers, badRatio, lateRatio,
                    duplicateRatio, seed, progressSeconds, runId);
        }

        public Options withUsers(int users) {
            return new Options(bootstrapServers, topics, rate, count, users, customers, badRatio, lateRatio,
                    duplicateRatio, seed, progressSeconds, runId);
        }

        public Options withCustomers(int customers) {
            return new Options(bootstrapServers, topics, rate, count, users, customers, badRatio, lateRatio,
                    duplicateRatio, seed, progressSeconds, runId);
        }

        public Options withBadRatio(double badRatio) {
            return new Options(bootstrapServers, topics, rate, count, users, customers, badRatio, lateRatio,
                    duplicateRatio, seed, progressSeconds, runId);
        }

        public Options withLateRatio(double lateRatio) {
            return new Options(bootstrapServers, topics, rate, count, users, customers, badRatio, lateRatio,
                    duplicateRatio, seed, progressSeconds, runId);
        }

        public Options withDuplicateRatio(double duplicateRatio) {
            return new Options(bootstrapServers, topics, rate, count, users, customers, badRatio, lateRatio,
                    duplicateRatio, seed, progressSeconds, runId);
        }

        public Options withSeed(long seed) {
            return new Options(bootstrapServers, topics, rate, count, users, customers, badRatio, lateRatio,
                    duplicateRatio, seed, progressSeconds, runId);
        }

        public Options withProgressSeconds(int progressSeconds) {
            return new Options(bootstrapServers, topics, rate, count, users, customers, badRatio, lateRatio,
                    duplicateRatio, seed, progressSeconds, runId);
        }

        public Options withRunId(String runId) {
            return new Options(bootstrapServers, topics, rate, count, users, customers, badRatio, lateRatio,
                    duplicateRatio, seed, progressSeconds, runId);
        }

        /** Only valid records: no bad, late or duplicate ones. */
        public Options withoutDefects() {
            return withBadRatio(0).withLateRatio(0).withDuplicateRatio(0);
        }

        private static Map<EventType, String> parseTopics(String value) {
            Map<EventType, String> topics = new EnumMap<>(EventType.class);
            for (String entry : value.split(",", -1)) {
                String trimmed = entry.trim();
                if (trimmed.isEmpty()) {
                    throw new IllegalArgumentException("--topics has an empty entry in '" + value + "'");
                }
                int eq = trimmed.indexOf('=');
                EventType type = EventType.fromName(eq < 0 ? trimmed : trimmed.substring(0, eq));
                topics.put(type, eq < 0 ? type.defaultTopic() : trimmed.substring(eq + 1).trim());
            }
            return topics;
        }

        private static void validateBootstrapServers(String value) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("--bootstrap-servers must not be empty");
            }
            for (String server : value.split(",", -1)) {
                String s = server.trim();
                int colon = s.lastIndexOf(':');
                int port = -1;
                if (colon > 0) {
                    try {
                        port = Integer.parseInt(s.substring(colon + 1));
                    } catch (NumberFormatException e) {
                        port = -1;
                    }
                }
                if (port < 1 || port > 65535) {
                    throw new IllegalArgumentException("--bootstrap-servers expects host:port[,host:port...], got '"
                            + value + "'");
                }
            }
        }

        private static double parseDouble(String name, String value) {
            try {
                double d = Double.parseDouble(value.trim());
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    throw new NumberFormatException();
                }
                return d;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " expects a number, got '" + value + "'");
            }
        }

        private static long parseLong(String name, String value) {
            try {
                return Long.parseLong(value.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " expects a whole number, got '" + value + "'");
            }
        }

        private static int parseInt(String name, String value) {
            try {
                return Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " expects a whole number, got '" + value + "'");
            }
        }

        private static void require(boolean condition, String message) {
            if (!condition) {
                throw new IllegalArgumentException(message);
            }
        }

        private static void requireRatio(String name, double ratio) {
            if (!(ratio >= 0 && ratio <= 1)) {
                throw new IllegalArgumentException(name + " must be between 0 and 1, got " + ratio);
            }
        }
    }
}
