package dev.streamsuite.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Follows a Kafka Streams application through its backlog by its committed offsets (the consumer group
 * named like the application id), sampled every {@code sampleMillis}.
 *
 * <p>It is done when the committed offsets reach the end of every input partition and of every partition of
 * the topics it reads from itself (repartition topics, outputs read back). Those are written in
 * exactly-once transactions: the last offset of such a partition is the commit marker of the last
 * transaction, which no record offset points past, so a committed offset of {@code end - 1} counts as the end
 * there. The input topics are written without transactions and must be read to their very end.
 */
final class Progress {

    /**
     * A sample: {@link System#nanoTime()}, how many input records were committed (read and processed), and how
     * many records of the application's own topics (repartition, read back).
     */
    record Sample(long nanos, long inputDone, long ownDone) {
    }

    /**
     * @param startNanos  when the application was seen RUNNING
     * @param endNanos    the first sample at which it had caught up
     * @param records     input records in the backlog
     * @param samples     every sample, in order
     */
    record Result(long startNanos, long endNanos, long records, long ownRecords, List<Sample> samples) {

        double seconds() {
            return (endNanos - startNanos) / 1e9;
        }

        double recordsPerSec() {
            return records / Math.max(1e-3, seconds());
        }

        /**
         * Input records/s between the moments 10% and 90% of the work was done (interpolated between samples),
         * leaving out the start (first fetches, JIT, first commits) and the end. The work is every record the
         * application reads: its input and its own topics (repartition, outputs read back), as committed; a
         * first sub-topology that only validates and repartitions may run far ahead of the one that aggregates
         * or joins, so input progress alone would overstate the rate. The overall rate when the backlog went by
         * too fast to tell.
         */
        double steadyRecordsPerSec() {
            double t10 = crossing(0.1);
            double t90 = crossing(0.9);
            if (Double.isNaN(t10) || Double.isNaN(t90) || t90 - t10 < 0.2e9) {
                return recordsPerSec();
            }
            return 0.8 * records / ((t90 - t10) / 1e9);
        }

        private double crossing(double fraction) {
            double target = fraction * (records + ownRecords);
            long previousDone = 0;
            long previousNanos = startNanos;
            for (Sample s : samples) {
                long done = s.inputDone() + Math.min(s.ownDone(), ownRecords);
                if (done >= target) {
                    if (done == previousDone) {
                        return s.nanos();
                    }
                    return previousNanos + (target - previousDone) / (done - previousDone) * (s.nanos() - previousNanos);
                }
                previousDone = done;
                previousNanos = s.nanos();
            }
            return Double.NaN;
        }
    }

    private final Admin admin;
    private final String applicationId;
    private final Map<TopicPartition, Long> inputBegin;
    private final Map<TopicPartition, Long> inputEnd;
    private final List<String> readBackTopics;

    Progress(Admin admin, String applicationId, List<String> inputTopics, List<String> readBackTopics) {
        this.admin = admin;
        this.applicationId = applicationId;
        this.readBackTopics = readBackTopics;
        List<TopicPartition> partitions = partitions(inputTopics);
        this.inputBegin = offsets(partitions, OffsetSpec.earliest());
        this.inputEnd = offsets(partitions, OffsetSpec.latest());
    }

    long records() {
        return inputEnd.entrySet().stream().mapToLong(e -> e.getValue() - inputBegin.get(e.getKey())).sum();
    }

    /**
     * Samples until the application has caught up; {@code startNanos} is when it was seen RUNNING.
     * {@code alive} is called on every sample and should throw when the service died.
     */
    Result follow(long startNanos, long sampleMillis, Duration timeout, Runnable alive) {
        List<TopicPartition> own = partitions(ownTopics());
        Map<TopicPartition, Long> ownBegin = offsets(own, OffsetSpec.earliest());
        long deadline = startNanos + timeout.toNanos();
        List<Sample> samples = new ArrayList<>();
        long records = records();
        while (true) {
            long now = System.nanoTime();
            Map<TopicPartition, Long> committed = committed();
            long inputDone = 0;
            boolean inputComplete = true;
            for (var e : inputEnd.entrySet()) {
                long c = Math.max(committed.getOrDefault(e.getKey(), 0L), inputBegin.get(e.getKey()));
                inputDone += Math.min(c, e.getValue()) - inputBegin.get(e.getKey());
                inputComplete &= c >= e.getValue();
            }
            long ownDone = 0;
            for (TopicPartition tp : own) {
                ownDone += Math.max(0, committed.getOrDefault(tp, 0L) - ownBegin.get(tp));
            }
            samples.add(new Sample(now, inputDone, ownDone));
            if (inputComplete && ownTopicsComplete(own, committed)) {
                return new Result(startNanos, now, records, ownDone, samples);
            }
            if (now > deadline) {
                throw new IllegalStateException(applicationId + " did not catch up within " + timeout + ": "
                        + inputDone + " of " + records + " input records committed");
            }
            alive.run();
            sleepUntil(now + sampleMillis * 1_000_000L);
        }
    }

    /** The repartition topics of the application and the outputs it reads back. */
    private List<String> ownTopics() {
        try {
            Set<String> all = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<String> own = all.stream()
                    .filter(t -> t.startsWith(applicationId + "-") && t.endsWith("-repartition"))
                    .sorted().collect(Collectors.toCollection(ArrayList::new));
            own.addAll(readBackTopics);
            return own;
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw failure("listing topics", e);
        }
    }

    private boolean ownTopicsComplete(List<TopicPartition> own, Map<TopicPartition, Long> committed) {
        if (own.isEmpty()) {
            return true;
        }
        Map<TopicPartition, Long> begin = offsets(own, OffsetSpec.earliest());
        Map<TopicPartition, Long> end = offsets(own, OffsetSpec.latest());
        for (TopicPartition tp : own) {
            long c = Math.max(committed.getOrDefault(tp, 0L), begin.get(tp));
            if (c < end.get(tp) - 1) {
                return false;
            }
        }
        return true;
    }

    private Map<TopicPartition, Long> committed() {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(applicationId)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            Map<TopicPartition, Long> result = new HashMap<>();
            offsets.forEach((tp, o) -> {
                if (o != null) {
                    result.put(tp, o.offset());
                }
            });
            return result;
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw failure("reading the committed offsets of " + applicationId, e);
        }
    }

    List<TopicPartition> partitions(List<String> topics) {
        try {
            Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS);
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                described.get(topic).partitions().forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            return partitions;
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw failure("describing " + topics, e);
        }
    }

    Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, OffsetSpec spec) {
        try {
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            partitions.forEach(tp -> request.put(tp, spec));
            Map<TopicPartition, Long> result = new HashMap<>();
            admin.listOffsets(request).all().get(30, TimeUnit.SECONDS).forEach((tp, info) -> result.put(tp, info.offset()));
            return result;
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw failure("listing offsets", e);
        }
    }

    private static IllegalStateException failure(String what, Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        return new IllegalStateException(what + " failed: " + e, e);
    }

    static void sleepUntil(long nanos) {
        long left = nanos - System.nanoTime();
        if (left > 0) {
            ServiceJvm.sleep(Math.max(1, left / 1_000_000));
        }
    }
}
