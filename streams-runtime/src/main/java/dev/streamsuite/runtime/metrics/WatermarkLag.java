package dev.streamsuite.runtime.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.processor.TaskId;

/**
 * {@code suite.watermark.lag{task}}: wall clock − stream time of each active task of this instance, in
 * seconds. Stream time is the highest record (event) time the task has processed; it is what windows close
 * on and what decides lateness, so this lag says how far behind real time the task's results are. It grows
 * while a task receives nothing. The gauge lives while the task is assigned to this instance.
 */
final class WatermarkLag {

    static final String NAME = "suite.watermark.lag";

    private final MeterRegistry registry;
    private final Clock clock;
    private final Map<TaskId, TaskClock> tasks = new HashMap<>();

    WatermarkLag(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    /** One processor of the task opens; the first registers the task's gauge. */
    synchronized TaskClock open(TaskId task) {
        TaskClock taskClock = tasks.computeIfAbsent(task, t -> new TaskClock());
        if (taskClock.users++ == 0) {
            taskClock.gauge = Gauge.builder(NAME, taskClock, c -> c.lagSeconds(clock.millis()))
                    .description("Wall clock minus stream time (the highest event time processed) of an active task")
                    .baseUnit("seconds").tag("task", task.toString()).strongReference(true).register(registry);
        }
        return taskClock;
    }

    /** One processor of the task closes (the task was revoked, suspended or shut down); the last removes the gauge. */
    synchronized void close(TaskId task) {
        TaskClock taskClock = tasks.get(task);
        if (taskClock != null && --taskClock.users == 0) {
            tasks.remove(task);
            registry.remove(taskClock.gauge);
        }
    }

    /** A task's stream time as its processors see it. */
    static final class TaskClock {
        private volatile long streamTimeMs = -1;
        private int users;
        private Gauge gauge;

        void update(long streamTimeMs) {
            if (streamTimeMs > this.streamTimeMs) {
                this.streamTimeMs = streamTimeMs;
            }
        }

        double lagSeconds(long nowMs) {
            long streamTime = streamTimeMs;
            return streamTime < 0 ? Double.NaN : (nowMs - streamTime) / 1000.0;
        }
    }
}
