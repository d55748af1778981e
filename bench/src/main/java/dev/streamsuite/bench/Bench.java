package dev.streamsuite.bench;

import dev.streamsuite.loadgen.LoadGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The benchmark: for each service, pre-load its input topics, measure a raw consumer on them (the
 * baseline) and a Kafka Streams application that only copies them ({@link StreamsCopy}), start the service
 * fresh on the backlog and time it until its committed offsets reach the end, then measure end-to-end
 * latency at half the rate it managed; for fraud-detector also query latency. See
 * {@code bench/run.sh}, which builds the jars and starts the broker, and {@link #USAGE}.
 */
public final class Bench {

    public static final String USAGE = """
            Usage: java -jar bench/target/bench.jar --bootstrap-servers HOST:PORT [options]   (normally via bench/run.sh)
              --quick                 a short run: fewer records, shorter latency and query runs
              --records N             input records per service (default: 1000000 quick, 2000000 full)
              --services LIST         comma-separated, default purchase-aggregator,order-enricher,fraud-detector
              --broker-pid PID        the broker's process, for its CPU time (default: not measured)
              --repo DIR              the project root with <service>/target/<service>.jar (default .)
              --work DIR              state directories and logs (default: a temporary directory)
              --out FILE              the JSON report (default bench/results/latest.json; DIR/report.json with --jfr or --profile DIR)
              --profile DIR           profile each service's throughput run (and the forwarded lookups) with async-profiler:
                                      CPU with native frames (RocksDB), a flame graph and collapsed stacks into DIR and the
                                      stream threads' breakdown in the log (Linux x64 or arm64)
              --jfr DIR               record them with JFR (settings=profile, Java frames only) into DIR instead
              --service-jvm-opts S    JVM options of the services (default -Xmx512m -XX:+UseSerialGC, as run-local.sh; also BENCH_SERVICE_JVM_OPTS)
              --service-arg ARG       a further argument of every service instance, e.g.
                                      --service-arg --spring.kafka.streams.properties.commit.interval.ms=1000
                                      (repeatable; the figures are then no longer of the default configuration)
              --latency-rate N        input rate of the latency run (default: half the steady rate measured)
              --users N               distinct users of purchases and transactions (default 10000)
              --customers N           distinct customers of orders (default 10000)
              --no-query              skip the query benchmark
              --plain                 also run each service's plain DSL version (PlainVersions) on the same backlog,
                                      as a third baseline: columns plain/s and vs plain (20-80 s more per service in a quick run)
              --help                  this help
            """;

    /** What to run; the defaults of a quick or a full run, changed with the fluent setters. */
    public static final class Config {
        String bootstrapServers;
        long brokerPid;
        boolean quick;
        /** Input records pre-loaded per service. */
        long records;
        List<Service> services = List.of(Service.values());
        Path repo = Path.of(".");
        Path work;
        Path out = Path.of("bench", "results", "latest.json");
        /** --jfr or --profile, or null. */
        Recorder recorder;
        List<String> serviceJvmOpts = List.of("-Xmx512m", "-XX:+UseSerialGC");
        List<String> serviceArgs = List.of();
        boolean query = true;
        /** Also measure {@link PlainVersions}. */
        boolean plain;
        /** A baseline run lasts at least this long, or until it has read {@link #baselineMaxRecords}. */
        double baselineMinSeconds = 10;
        long baselineMaxRecords = 2_000_000;
        double latencySeconds;
        double latencyWarmupSeconds;
        Duration latencyDrain = Duration.ofSeconds(30);
        double querySeconds;
        double queryWarmupSeconds;
        /** Requests to every endpoint before the query measurements, so that none pays for the JIT of the HTTP path. */
        double httpWarmupSeconds;
        int queryThreads = 8;
        /** Input rate of the latency run; 0 = half the steady rate of the throughput run. */
        double latencyRate;
        /** Records per second of event time in the backlog. */
        double eventRate = 200;
        int users = 10_000;
        int customers = 10_000;
        Duration catchUpTimeout = Duration.ofMinutes(30);

        public static Config defaults(String bootstrapServers, boolean quick) {
            Config c = new Config();
            c.bootstrapServers = bootstrapServers;
            c.quick = quick;
            c.records = quick ? 1_000_000 : 2_000_000; // fewer in a quick run were mostly JIT warm-up (C2 used more CPU than the stream thread)
            c.latencySeconds = quick ? 20 : 60;
            c.latencyWarmupSeconds = quick ? 5 : 10;
            c.querySeconds = quick ? 10 : 30;
            c.queryWarmupSeconds = quick ? 2 : 5;
            c.httpWarmupSeconds = quick ? 5 : 15;
            return c;
        }

        public Config records(long n) {
            records = n;
            return this;
        }

        public Config services(List<Service> list) {
            services = List.copyOf(list);
            return this;
        }

        public Config paths(Path repoDir, Path workDir, Path outFile) {
            repo = repoDir;
            work = workDir;
            out = outFile;
            return this;
        }

        public Config plain(boolean on) {
            plain = on;
            return this;
        }

        public Config serviceJvmOpts(List<String> opts) {
            serviceJvmOpts = List.copyOf(opts);
            return this;
        }

        /** Durations of the measured phases: for a smoke run they can all be tiny. */
        public Config durations(double baselineMin, long baselineMax, double latency, double latencyWarmup, double queryRun,
                                double queryWarmup, double httpWarmup) {
            baselineMinSeconds = baselineMin;
            baselineMaxRecords = baselineMax;
            latencySeconds = latency;
            latencyWarmupSeconds = latencyWarmup;
            querySeconds = queryRun;
            queryWarmupSeconds = queryWarmup;
            httpWarmupSeconds = httpWarmup;
            return this;
        }

        public Config keys(int userCount, int customerCount) {
            users = userCount;
            customers = customerCount;
            return this;
        }

        public Path out() {
            return out;
        }

        static Config parse(String... args) {
            boolean quick = Arrays.asList(args).contains("--quick");
            String env = System.getenv("BENCH_SERVICE_JVM_OPTS");
            String jvmOpts = env != null && !env.isBlank() ? env : "-Xmx512m -XX:+UseSerialGC";
            Config c = defaults(null, quick);
            List<String> serviceArgs = new ArrayList<>();
            boolean outGiven = false;
            Path jfr = null;
            Path profile = null;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--quick" -> { }
                    case "--no-query" -> c.query = false;
                    case "--plain" -> c.plain = true;
                    case "--bootstrap-servers" -> c.bootstrapServers = value(args, ++i, a);
                    case "--records" -> c.records = Long.parseLong(value(args, ++i, a));
                    case "--services" -> c.services = Arrays.stream(value(args, ++i, a).split(",")).map(Service::of).toList();
                    case "--broker-pid" -> c.brokerPid = Long.parseLong(value(args, ++i, a));
                    case "--repo" -> c.repo = Path.of(value(args, ++i, a));
                    case "--work" -> c.work = Path.of(value(args, ++i, a));
                    case "--out" -> {
                        c.out = Path.of(value(args, ++i, a));
                        outGiven = true;
                    }
                    case "--jfr" -> jfr = Path.of(value(args, ++i, a));
                    case "--profile" -> profile = Path.of(value(args, ++i, a));
                    case "--service-jvm-opts" -> jvmOpts = value(args, ++i, a);
                    case "--service-arg" -> serviceArgs.add(value(args, ++i, a));
                    case "--latency-rate" -> c.latencyRate = Double.parseDouble(value(args, ++i, a));
                    case "--users" -> c.users = Integer.parseInt(value(args, ++i, a));
                    case "--customers" -> c.customers = Integer.parseInt(value(args, ++i, a));
                    default -> throw new IllegalArgumentException("unknown option '" + a + "'");
                }
            }
            if (c.bootstrapServers == null) {
                throw new IllegalArgumentException("--bootstrap-servers is required");
            }
            if (c.records < 1) {
                throw new IllegalArgumentException("--records must be at least 1");
            }
            if (c.users < 1 || c.customers < 1) {
                throw new IllegalArgumentException("--users and --customers must be at least 1");
            }
            // a profiled run is slowed by its recordings: its figures must not replace the last real run's
            c.recorder = Recorder.of(jfr, profile);
            if (c.recorder != null && !outGiven) {
                c.out = c.recorder.dir().resolve("report.json");
            }
            c.serviceJvmOpts = Arrays.stream(jvmOpts.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
            c.serviceArgs = List.copyOf(serviceArgs);
            return c;
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }
    }

    /** Partitions of the input topics, as the services create them by default. */
    static final int PARTITIONS = 6;

    private final Config config;
    private final String runId = Long.toString(System.currentTimeMillis() / 1000);
    private final Path work;

    public Bench(Config config) {
        this.config = config;
        try {
            this.work = config.work != null ? Files.createDirectories(config.work) : Files.createTempDirectory("bench-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void main(String[] args) {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            System.out.print(USAGE);
            return;
        }
        Config config;
        try {
            config = Config.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        try {
            Report report = new Bench(config).run();
            System.out.println();
            System.out.print(report.table());
            System.out.println();
            System.out.println("JSON: " + config.out);
        } catch (RuntimeException e) {
            System.err.println("error: " + e.getMessage());
            e.printStackTrace();
            System.exit(1);
        }
    }

    /** Runs every configured service and the query benchmark; writes the JSON; returns the report. */
    public Report run() {
        for (Service s : config.services) {
            Path jar = jar(s);
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(jar + " is missing: build with ./mvnw -B -q package -DskipTests");
            }
        }
        log("run %s: %d records per service, services %s, work dir %s", runId, config.records,
                config.services.stream().map(Service::serviceName).toList(), work);
        Report report = new Report(config.quick);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "bench-admin"))) {
            for (Service s : config.services) {
                report.add(runService(admin, s, report));
            }
        }
        if (config.out != null) {
            report.writeJson(config.out);
        }
        return report;
    }

    private Report.ServiceResult runService(Admin admin, Service s, Report report) {
        log("== %s", s.serviceName());
        createTopics(admin, s);
        LoadGenerator.Options options = LoadGenerator.Options.defaults()
                .withBootstrapServers(config.bootstrapServers)
                .withTopics(s.inputTypes().toArray(dev.streamsuite.loadgen.EventType[]::new))
                .withCount(config.records).withRate(0).withUsers(config.users)
                .withCustomers(config.customers).withoutDefects().withProgressSeconds(0).withRunId("b" + runId)
                .withSeed(42);
        long t = System.nanoTime();
        long sent = Preloader.preload(s, options, config.eventRate, PARTITIONS);
        log("pre-loaded %d records into %s in %.1f s", sent, s.inputTopics(), (System.nanoTime() - t) / 1e9);

        String appId = "bench-" + s.serviceName() + "-" + runId;
        Progress progress = new Progress(admin, appId, s.inputTopics(), s.readBackTopics());
        long records = progress.records();
        Baseline.Result baseline = Baseline.measure(config.bootstrapServers, s.inputTopics(), config.baselineMinSeconds,
                config.baselineMaxRecords);
        log("baseline (raw consumer): %.0f records/s (runs %s), %.2f CPU s per million", baseline.recordsPerSec(),
                Arrays.stream(baseline.runs()).mapToObj(r -> String.format(Locale.ROOT, "%.0f", r)).toList(),
                baseline.cpuSecondsPerMillion());

        StreamsCopyJvm.Result copy = StreamsCopyJvm.measure(admin, config.bootstrapServers, config.serviceJvmOpts,
                "bench-copy-" + s.serviceName() + "-" + runId, s.inputTopics(), null, work, config.catchUpTimeout);
        log("Kafka Streams copy (exactly-once, nothing parsed, no state): %.0f records/s overall, %.0f steady; %.1f CPU s"
                + " per million", copy.recordsPerSec(), copy.steadyRecordsPerSec(), copy.cpuSecondsPerMillion());
        double plainRate = Double.NaN;
        if (config.plain) {
            StreamsCopyJvm.Result plain = StreamsCopyJvm.measure(admin, config.bootstrapServers, config.serviceJvmOpts,
                    "bench-plain-" + s.serviceName() + "-" + runId, s.inputTopics(), s.serviceName(), work,
                    config.catchUpTimeout);
            plainRate = plain.steadyRecordsPerSec();
            log("plain DSL version (JSON state, no validation): %.0f records/s overall, %.0f steady; %.1f CPU s per million",
                    plain.recordsPerSec(), plain.steadyRecordsPerSec(), plain.cpuSecondsPerMillion());
        }

        Path stateDir = work.resolve("state").resolve(appId);
        List<ServiceJvm> started = new ArrayList<>();
        try {
            ServiceJvm jvm = instance(s, appId, stateDir, s.extraArgs());
            started.add(jvm.launch());
            long running = jvm.awaitReady(Duration.ofMinutes(3), 50);
            double cpu0 = jvm.cpuSeconds();
            double broker0 = ProcStat.cpuSeconds(config.brokerPid);
            Map<String, Double> threads0 = ProcStat.threadCpuSeconds(jvm.pid());
            log("%s RUNNING (pid %d); processing %d records", appId, jvm.pid(), records);
            if (config.recorder != null) {
                config.recorder.start(jvm.pid());
            }
            Progress.Result result = progress.follow(running, 250, config.catchUpTimeout, jvm::checkAlive);
            double cpu = jvm.cpuSeconds() - cpu0;
            double brokerCpu = ProcStat.cpuSeconds(config.brokerPid) - broker0;
            Map<String, Double> threads1 = ProcStat.threadCpuSeconds(jvm.pid());
            if (config.recorder != null) {
                config.recorder.stop(jvm.pid(), s.serviceName(), true);
            }
            log("caught up in %.1f s: %.0f records/s overall, %.0f steady (10-90%%); CPU %.1f s service, %.1f s broker",
                    result.seconds(), result.recordsPerSec(), result.steadyRecordsPerSec(), cpu, brokerCpu);
            log("service CPU by thread (names cut to 15 characters by Linux; %s = StreamThread and StateUpdater): %s",
                    appId.substring(0, Math.min(15, appId.length())), ProcStat.topThreads(threads0, threads1, 5));
            // the heap is capped by -Xmx; the rest is mostly RocksDB (suite.rocksdb.memory)
            log("service memory: resident %d MiB now, %d MiB at most", ProcStat.statusMiB(jvm.pid(), "VmRSS"),
                    ProcStat.statusMiB(jvm.pid(), "VmHWM"));

            LatencyProbe.prime(config.bootstrapServers, s, runId, config.customers, 100);
            new Progress(admin, appId, s.inputTopics(), s.readBackTopics()).follow(System.nanoTime(), 100,
                    config.catchUpTimeout, jvm::checkAlive);
            double rate = config.latencyRate > 0 ? config.latencyRate
                    : Math.max(10, Math.round(result.steadyRecordsPerSec() / 2));
            LatencyProbe.Result latency = LatencyProbe.run(config.bootstrapServers, s, runId, config.customers, rate,
                    config.latencySeconds, config.latencyWarmupSeconds, config.latencyDrain);
            log("latency at %.0f inputs/s: p50 %.0f ms, p99 %.0f ms, max %.0f ms (%d of %d outputs)", rate, latency.p50Ms(),
                    latency.p99Ms(), latency.maxMs(), latency.received(), latency.sent());
            jvm.checkAlive();

            if (s == Service.FRAUD_DETECTOR && config.query) {
                report.query(queryBench(s, appId, jvm, started));
            }
            return new Report.ServiceResult(s.serviceName(), records, result.recordsPerSec(), result.steadyRecordsPerSec(),
                    baseline.recordsPerSec(), copy.steadyRecordsPerSec(), plainRate, cpu / records * 1e6,
                    config.brokerPid > 0 ? brokerCpu / records * 1e6 : Double.NaN,
                    baseline.cpuSecondsPerMillion(), rate, latency.sent(), latency.received(), latency.p50Ms(),
                    latency.p99Ms(), latency.maxMs());
        } finally {
            for (ServiceJvm jvm : started) {
                jvm.stop();
            }
        }
    }

    /**
     * Balances by user from fraud-detector: the liveness endpoint (no store, the HTTP stack's own cost) and
     * local lookups on one instance; then a second instance joins, takes over half of the partitions, and
     * the first instance is asked for keys the second one owns ({@code X-Served-By} tells), which it forwards.
     */
    private Report.QueryResult queryBench(Service s, String appId, ServiceJvm first, List<ServiceJvm> started) {
        int threads = config.queryThreads;
        List<String> users = new ArrayList<>();
        for (int u = 1; u <= Math.min(config.users, 500); u++) {
            if (get(first.uri("/api/balances/u-" + u)).statusCode() == 200) {
                users.add("u-" + u);
            }
        }
        if (users.isEmpty()) {
            throw new IllegalStateException("no user has a balance on " + first.name());
        }
        List<URI> localUris = users.stream().map(u -> first.uri("/api/balances/" + u)).toList();
        URI livenessUri = first.uri("/actuator/health/liveness");
        // the HTTP paths are cold until now: without a warm-up the first measurement pays for their JIT
        List<URI> mixed = new ArrayList<>(localUris);
        mixed.add(livenessUri);
        QueryLoad.run("warm-up", mixed, threads, config.httpWarmupSeconds, 0);
        awaitJitQuiet(first);
        QueryLoad.Result liveness = QueryLoad.run("liveness", List.of(livenessUri), threads,
                config.querySeconds, config.queryWarmupSeconds);
        log("query: liveness %.0f/s, p50 %.2f ms, p99 %.2f ms", liveness.qps(), liveness.p50Ms(), liveness.p99Ms());
        QueryLoad.Result local = QueryLoad.run("local", localUris, threads, config.querySeconds, config.queryWarmupSeconds);
        log("query: local lookups (%d users) %.0f/s, p50 %.2f ms, p99 %.2f ms", users.size(), local.qps(), local.p50Ms(),
                local.p99Ms());

        ServiceJvm second = instance(s, appId, work.resolve("state").resolve(appId + "-2"), s.extraArgs());
        started.add(second.launch());
        second.awaitReady(Duration.ofMinutes(3), 200);
        List<String> own = new ArrayList<>();
        List<String> other = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (true) {
            own.clear();
            other.clear();
            boolean allAnswered = first.isReady() && second.isReady();
            for (String u : users) {
                HttpResponse<byte[]> r = get(first.uri("/api/balances/" + u));
                String servedBy = r.headers().firstValue("X-Served-By").orElse("");
                if (r.statusCode() != 200) {
                    allAnswered = false;
                } else if (servedBy.equals(second.address())) {
                    other.add(u);
                } else if (servedBy.equals(first.address())) {
                    own.add(u);
                }
            }
            if (allAnswered && !other.isEmpty() && !own.isEmpty()) {
                break;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the second instance took no partitions within 2 minutes (" + own.size()
                        + " keys on the first, " + other.size() + " on the second)");
            }
            ServiceJvm.sleep(1000);
        }
        log("query: two instances, %d keys on the first, %d on the second", own.size(), other.size());
        List<URI> forwardedUris = other.stream().map(u -> first.uri("/api/balances/" + u)).toList();
        List<URI> pairLocalUris = own.stream().map(u -> first.uri("/api/balances/" + u)).toList();
        List<URI> ownerUris = other.stream().map(u -> second.uri("/api/balances/" + u)).toList();
        List<URI> mixed2 = new ArrayList<>(forwardedUris);
        mixed2.addAll(ownerUris);
        QueryLoad.run("warm-up", mixed2, threads, config.httpWarmupSeconds, 0);
        awaitJitQuiet(first);
        awaitJitQuiet(second);
        if (config.recorder != null) {
            config.recorder.start(first.pid());
        }
        QueryLoad.Result forwarded = QueryLoad.run("forwarded", forwardedUris, threads, config.querySeconds,
                config.queryWarmupSeconds);
        if (config.recorder != null) {
            config.recorder.stop(first.pid(), s.serviceName() + "-forwarding", false);
        }
        log("query: forwarded lookups %.0f/s, p50 %.2f ms, p99 %.2f ms", forwarded.qps(), forwarded.p50Ms(), forwarded.p99Ms());
        QueryLoad.Result direct = QueryLoad.run("owner", ownerUris, threads, config.querySeconds, config.queryWarmupSeconds);
        log("query: the same keys asked of their owner %.0f/s, p50 %.2f ms, p99 %.2f ms", direct.qps(), direct.p50Ms(),
                direct.p99Ms());
        QueryLoad.Result pairLocal = QueryLoad.run("local-2", pairLocalUris, threads, config.querySeconds,
                config.queryWarmupSeconds);
        log("query: local lookups with two instances %.0f/s, p50 %.2f ms, p99 %.2f ms", pairLocal.qps(), pairLocal.p50Ms(),
                pairLocal.p99Ms());
        second.stop();
        return new Report.QueryResult(threads, local.qps(), local.p50Ms(), local.p99Ms(), liveness.qps(), liveness.p50Ms(),
                liveness.p99Ms(), forwarded.qps(), forwarded.p50Ms(), forwarded.p99Ms(), direct.qps(), direct.p50Ms(),
                direct.p99Ms(), pairLocal.qps(), pairLocal.p50Ms(), pairLocal.p99Ms(),
                liveness.errors() + local.errors() + forwarded.errors() + direct.errors() + pairLocal.errors());
    }

    /**
     * Waits (at most 30 s) until the JIT compilers of a service JVM are idle: after a throughput run they
     * go on compiling for a while, and the query measurements would share the CPU with them.
     */
    private void awaitJitQuiet(ServiceJvm jvm) {
        if (config.httpWarmupSeconds < 1) {
            return; // a smoke run, not a measurement
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        double before = compilerSeconds(jvm);
        while (System.nanoTime() < deadline) {
            ServiceJvm.sleep(1000);
            double now = compilerSeconds(jvm);
            if (Double.isNaN(now) || now - before < 0.05) {
                return;
            }
            before = now;
        }
        log("the JIT compilers of %s are still busy; measuring anyway", jvm.name());
    }

    private static double compilerSeconds(ServiceJvm jvm) {
        Map<String, Double> threads = ProcStat.threadCpuSeconds(jvm.pid());
        if (threads.isEmpty()) {
            return Double.NaN;
        }
        return threads.entrySet().stream().filter(e -> e.getKey().contains("CompilerThre"))
                .mapToDouble(Map.Entry::getValue).sum();
    }

    private ServiceJvm instance(Service s, String appId, Path stateDir, List<String> args) {
        int port = freePort();
        List<String> all = new ArrayList<>(args);
        all.addAll(config.serviceArgs);
        return new ServiceJvm(jar(s), config.serviceJvmOpts, config.bootstrapServers, appId, port, stateDir, all,
                work.resolve("logs").resolve(appId + "-" + port + ".log"));
    }

    private Path jar(Service s) {
        return config.repo.resolve(s.serviceName()).resolve("target").resolve(s.serviceName() + ".jar").toAbsolutePath();
    }

    /**
     * The input topics as the service would create them (6 partitions; customers compacted), if missing;
     * then waits until every partition answers on its leader. Producing to a partition the broker has not
     * opened yet can lose an idempotent producer's first batch (KAFKA-15591: a later batch is appended
     * first and the retried first one is rejected as out of order until it expires).
     */
    private static void createTopics(Admin admin, Service s) {
        for (var type : s.inputTypes()) {
            NewTopic topic = new NewTopic(type.defaultTopic(), Optional.of(PARTITIONS), Optional.empty());
            if (type == dev.streamsuite.loadgen.EventType.CUSTOMERS) {
                topic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            }
            try {
                admin.createTopics(List.of(topic)).all().get(60, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create " + topic.name() + ": " + e.getCause(), e);
                }
            } catch (InterruptedException | TimeoutException e) {
                throw new IllegalStateException("cannot create " + topic.name() + ": " + e, e);
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                Map<TopicPartition, OffsetSpec> request = new java.util.HashMap<>();
                admin.describeTopics(s.inputTopics()).allTopicNames().get(10, TimeUnit.SECONDS).forEach((name, d) ->
                        d.partitions().forEach(p -> request.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
                if (request.size() == PARTITIONS * s.inputTopics().size()) {
                    admin.listOffsets(request).all().get(10, TimeUnit.SECONDS);
                    return;
                }
            } catch (ExecutionException | TimeoutException e) {
                // not yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the partitions of " + s.inputTopics() + " did not come online");
            }
            ServiceJvm.sleep(200);
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static HttpResponse<byte[]> get(URI uri) {
        try {
            return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void log(String format, Object... args) {
        System.out.printf(Locale.ROOT, "[bench %tT] %s%n", System.currentTimeMillis(), String.format(Locale.ROOT, format, args));
        System.out.flush();
    }
}
