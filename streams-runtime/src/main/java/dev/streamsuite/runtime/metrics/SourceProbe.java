package dev.streamsuite.runtime.metrics;

import dev.streamsuite.runtime.topology.Input;
import io.micrometer.core.instrument.Counter;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * A terminal child that {@link StreamsMetrics} adds to every source node: a source forwards each record to
 * all its children, so this sees every record the task processes from that topic, after the timestamp
 * extractor and in the task's thread. It counts {@code suite.records.in} and, after valid records, reads the
 * task's stream time for {@code suite.watermark.lag}; it forwards nothing and changes nothing.
 */
final class SourceProbe implements Processor<Object, Object, Void, Void> {

    private final RecordFlow flow;
    private final WatermarkLag watermarks;
    private final Map<String, Counter> counters = new HashMap<>();
    private ProcessorContext<Void, Void> context;
    private TaskId task;
    private WatermarkLag.TaskClock clock;

    SourceProbe(RecordFlow flow, WatermarkLag watermarks) {
        this.flow = flow;
        this.watermarks = watermarks;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        this.task = context.taskId();
        this.clock = watermarks.open(task);
    }

    @Override
    public void process(Record<Object, Object> record) {
        context.recordMetadata().ifPresent(m -> counters.computeIfAbsent(m.topic(), flow::in).increment());
        // bad input carries the partition time, which is 0 before the partition's first valid record: Kafka
        // Streams' stream time is then 0, but no event time has been processed, so the lag stays unknown
        if (!(record.value() instanceof Input<?> input) || input.isValid()) {
            clock.update(context.currentStreamTimeMs());
        }
    }

    @Override
    public void close() {
        if (clock != null) {
            watermarks.close(task);
            clock = null;
        }
    }
}
