package dev.streamsuite.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * async-profiler's collapsed stacks, one line per distinct stack: {@code [thread tid=N];outermost;…;innermost count}
 * (profiled with {@code threads}), summed into what threads spend their CPU on.
 */
record CollapsedStacks(List<Stack> stacks) {

    record Stack(String thread, List<String> frames, long samples) {
    }

    /** Phases of a stream thread's loop, each with everything it calls; they overlap (producing happens while processing). */
    private static final Map<String, Predicate<String>> PHASES = phases();

    private static Map<String, Predicate<String>> phases() {
        Map<String, Predicate<String>> phases = new LinkedHashMap<>();
        phases.put("poll", f -> f.endsWith("/StreamThread.pollPhase"));
        phases.put("deserialize and validate input", f -> f.endsWith("/RecordDeserializer.deserialize"));
        phases.put("process", f -> f.endsWith("/StreamTask.doProcess"));
        phases.put("produce (outputs and changelogs)", f -> f.endsWith("/RecordCollectorImpl.send"));
        phases.put("commit", f -> f.endsWith("/TaskManager.commit"));
        phases.put("RocksDB (all calls)", f -> f.startsWith("org/rocksdb/"));
        return phases;
    }

    static CollapsedStacks read(Path file) throws IOException {
        try (var lines = Files.lines(file)) {
            return parse(lines.toList());
        }
    }

    static CollapsedStacks parse(List<String> lines) {
        List<Stack> stacks = new ArrayList<>();
        for (String line : lines) {
            int space = line.lastIndexOf(' ');
            String count = space < 0 ? "" : line.substring(space + 1).trim();
            // a line of another shape (none in async-profiler's output) is left out rather than failing the run
            if (!count.matches("[0-9]{1,18}")) {
                continue;
            }
            List<String> frames = Arrays.asList(line.substring(0, space).split(";"));
            String first = frames.get(0);
            boolean threadFrame = first.startsWith("[") && first.endsWith("]");
            String thread = threadFrame ? first.substring(1, first.length() - 1).replaceFirst(" tid=\\d+$", "") : "";
            stacks.add(new Stack(thread, threadFrame ? frames.subList(1, frames.size()) : frames,
                    Long.parseLong(count)));
        }
        return new CollapsedStacks(List.copyOf(stacks));
    }

    /** Kafka Streams' stream threads, without their producers' network threads (named after them). */
    CollapsedStacks streamThreads() {
        return new CollapsedStacks(stacks.stream()
                .filter(s -> s.thread().contains("-StreamThread-") && !s.thread().startsWith("kafka-producer-network-thread"))
                .toList());
    }

    long samples() {
        return stacks.stream().mapToLong(Stack::samples).sum();
    }

    /** Samples whose stack has a frame that matches. */
    long samplesWith(Predicate<String> frame) {
        return stacks.stream().filter(s -> s.frames().stream().anyMatch(frame)).mapToLong(Stack::samples).sum();
    }

    /** Per matching frame, the samples of the stacks it is on (each stack counted once per frame), most first. */
    Map<String, Long> inclusive(Predicate<String> frame) {
        return ranked(s -> new HashSet<>(s.frames().stream().filter(frame).toList()));
    }

    /** Per innermost frame, the samples it used itself, most first. */
    Map<String, Long> self() {
        return ranked(s -> s.frames().isEmpty() ? Set.of() : Set.of(s.frames().get(s.frames().size() - 1)));
    }

    private Map<String, Long> ranked(Function<Stack, Set<String>> frames) {
        Map<String, Long> sums = stacks.stream()
                .flatMap(s -> frames.apply(s).stream().map(f -> Map.entry(f, s.samples())))
                .collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.summingLong(Map.Entry::getValue)));
        return sums.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
    }

    /** A few lines: the phases, the state store operations, the suite's own methods and the costliest frames. */
    List<String> report() {
        long total = samples();
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "stream threads: %d samples; share of them with everything called:", total));
        lines.add("phases: " + PHASES.entrySet().stream()
                .map(p -> p.getKey() + " " + percent(samplesWith(p.getValue()), total))
                .collect(Collectors.joining(", ")));
        lines.add("state stores: " + top(inclusive(f -> f.startsWith("org/apache/kafka/streams/state/internals/Metered")
                && !f.contains("$")), total, 8));
        lines.add("suite code: " + top(inclusive(f -> f.startsWith("dev/streamsuite/") && !f.contains("$")), total, 10));
        lines.add("self (the frame itself): " + top(self(), total, 12));
        return lines;
    }

    private static String top(Map<String, Long> ranked, long total, int n) {
        return ranked.entrySet().stream().limit(n)
                .map(e -> shortName(e.getKey()) + " " + percent(e.getValue(), total))
                .collect(Collectors.joining(", "));
    }

    /** {@code org/rocksdb/RocksDB.put} → {@code RocksDB.put}; {@code /tmp/librocksdbjni123.so} → {@code librocksdbjni.so}. */
    static String shortName(String frame) {
        String name = frame.startsWith("/") ? frame.replaceFirst("\\d+\\.so$", ".so") : frame;
        int dot = name.lastIndexOf('.');
        int slash = name.lastIndexOf('/', dot < 0 ? name.length() : dot);
        return name.substring(slash + 1);
    }

    private static String percent(long part, long total) {
        return String.format(Locale.ROOT, "%.1f%%", total == 0 ? 0.0 : 100.0 * part / total);
    }
}
