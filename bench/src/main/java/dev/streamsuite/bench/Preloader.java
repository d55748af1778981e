package dev.streamsuite.bench;

import dev.streamsuite.loadgen.LoadGenerator;
import dev.streamsuite.loadgen.RecordFactory;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Fills a service's input topics with the load generator's records before the service starts. The
 * generator's clock is moved forward by {@code 1 / eventRate} per record, so the backlog covers as much
 * event time as live traffic at that rate would (windows close, joins release, retention applies) and
 * ends just before the wall clock (the services reject event times far in the future).
 */
final class Preloader {

    private Preloader() {
    }

    /**
     * Sends {@code options.count()} records and the service's {@link Service#backlogTail}, and waits until
     * all are acknowledged; returns how many were sent.
     */
    static long preload(Service service, LoadGenerator.Options options, double eventRate, int partitions) {
        long count = options.count();
        long spanMs = (long) Math.ceil(count * 1000.0 / eventRate);
        long start = System.currentTimeMillis() - spanMs - 5_000;
        SettableClock clock = new SettableClock(start);
        RecordFactory factory = new RecordFactory(options, clock);
        AtomicLong acked = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (Producer<String, byte[]> producer = new KafkaProducer<>(LoadGenerator.producerConfig(options.bootstrapServers()))) {
            Callback callback = (metadata, e) -> {
                if (e != null) {
                    failure.compareAndSet(null, e);
                } else {
                    acked.incrementAndGet();
                }
            };
            for (long i = 0; i < count && failure.get() == null; i++) {
                clock.set(start + (long) (i * 1000.0 / eventRate));
                producer.send(factory.next().record(), callback);
            }
            for (ProducerRecord<String, byte[]> tail : service.backlogTail(clock.millis(), partitions)) {
                producer.send(tail, callback);
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("pre-loading failed: " + failure.get(), failure.get());
        }
        return acked.get();
    }
}
