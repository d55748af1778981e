package dev.streamsuite.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The second baseline: a Kafka Streams application that copies every record of the service's input topics
 * to one output topic as bytes, parsing nothing and keeping no state, with the services' processing
 * settings (exactly-once v2, one stream thread, the runtime's 128 KB producer batches). Whatever a service
 * does per record comes on top of this. Started by {@link StreamsCopyJvm} in a fresh JVM with the services'
 * JVM options; prints {@link #RUNNING} once Kafka Streams is RUNNING and closes on SIGTERM.
 *
 * <p>Arguments: bootstrap servers, application id, state directory, output topic, input topics... With
 * {@code --plain SERVICE} first, it runs that service's {@link PlainVersions plain version} instead of the copy
 * (the plain version reads the contract's input topics; those given are then only for the usage check).
 */
public final class StreamsCopy {

    static final String RUNNING = "streams-copy RUNNING";

    private StreamsCopy() {
    }

    public static void main(String[] args) throws InterruptedException {
        String plain = args.length > 1 && args[0].equals("--plain") ? args[1] : null;
        if (plain != null) {
            args = Arrays.copyOfRange(args, 2, args.length);
        }
        if (args.length < 5) {
            System.err.println("usage: StreamsCopy [--plain SERVICE] BOOTSTRAP APPLICATION_ID STATE_DIR OUTPUT INPUT...");
            System.exit(2);
        }
        Topology topology = plain != null ? PlainVersions.of(plain, args[3]) : copy(Arrays.asList(args).subList(4, args.length), args[3]);
        KafkaStreams streams = new KafkaStreams(topology, properties(args[0], args[1], args[2]));
        CountDownLatch closed = new CountDownLatch(1);
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING) {
                System.out.println(RUNNING);
                System.out.flush();
            }
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            streams.close();
            closed.countDown();
        }, "streams-copy-close"));
        streams.start();
        closed.await();
    }

    static Topology copy(List<String> inputs, String output) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(inputs, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("copy-source"))
                .to(output, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("copy-sink"));
        return builder.build();
    }

    static Properties properties(String bootstrapServers, String applicationId, String stateDir) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        // as streams-runtime sets it for the services
        p.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 131072);
        return p;
    }
}
