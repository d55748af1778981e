package dev.streamsuite.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CollapsedStacksTest {

    private static final String STREAM = "[app-1a2b-StreamThread-1 tid=17073]";
    private static final String RUN = "org/apache/kafka/streams/processor/internals/StreamThread.run";
    private static final String PROCESS = "org/apache/kafka/streams/processor/internals/StreamTask.doProcess";
    private static final String PROCESSOR = "dev/streamsuite/fraud/topology/FraudProcessor.process";
    private static final String PUT = "org/apache/kafka/streams/state/internals/MeteredWindowStore.put";
    private static final String GET = "org/apache/kafka/streams/state/internals/MeteredKeyValueStore.get";
    private static final String ROCKS_PUT = "org/rocksdb/RocksDB.put";

    private final CollapsedStacks profile = CollapsedStacks.parse(List.of(
            String.join(";", STREAM, RUN, PROCESS, PROCESSOR, PUT, ROCKS_PUT, "/tmp/librocksdbjni1695.so") + " 50",
            String.join(";", STREAM, RUN, PROCESS, PROCESSOR, GET, ROCKS_PUT.replace("put", "get")) + " 20",
            String.join(";", STREAM, RUN, PROCESS, PROCESSOR) + " 10",
            String.join(";", STREAM, RUN, "org/apache/kafka/streams/processor/internals/StreamThread.pollPhase",
                    "java/util/HashMap.putVal") + " 20",
            "[kafka-producer-network-thread | app-1a2b-StreamThread-1-producer tid=17071];" + ROCKS_PUT + " 500",
            "[C2 CompilerThre tid=17040];Compile 300"));

    @Test
    void keepsOnlyTheStreamThreadsNotTheirProducers() {
        assertThat(profile.samples()).isEqualTo(900);
        assertThat(profile.streamThreads().samples()).isEqualTo(100);
        assertThat(profile.streamThreads().stacks()).extracting(CollapsedStacks.Stack::thread)
                .containsOnly("app-1a2b-StreamThread-1");
    }

    @Test
    void countsAFrameWithEverythingItCallsAndItsOwnSamplesApart() {
        CollapsedStacks stream = profile.streamThreads();

        assertThat(stream.samplesWith(f -> f.startsWith("org/rocksdb/"))).isEqualTo(70);
        assertThat(stream.inclusive(f -> f.startsWith("dev/streamsuite/"))).containsExactly(entry(PROCESSOR, 80));
        assertThat(stream.self()).containsExactly(entry("/tmp/librocksdbjni1695.so", 50),
                entry("java/util/HashMap.putVal", 20), entry("org/rocksdb/RocksDB.get", 20), entry(PROCESSOR, 10));
    }

    @Test
    void reportsPhasesStoresSuiteCodeAndSelfAsSharesOfTheStreamThreads() {
        assertThat(profile.streamThreads().report()).containsExactly(
                "stream threads: 100 samples; share of them with everything called:",
                "phases: poll 20.0%, deserialize and validate input 0.0%, process 80.0%, produce (outputs and changelogs) 0.0%,"
                        + " commit 0.0%, RocksDB (all calls) 70.0%",
                "state stores: MeteredWindowStore.put 50.0%, MeteredKeyValueStore.get 20.0%",
                "suite code: FraudProcessor.process 80.0%",
                "self (the frame itself): librocksdbjni.so 50.0%, HashMap.putVal 20.0%, RocksDB.get 20.0%,"
                        + " FraudProcessor.process 10.0%");
    }

    private static java.util.Map.Entry<String, Long> entry(String frame, long samples) {
        return java.util.Map.entry(frame, samples);
    }
}
