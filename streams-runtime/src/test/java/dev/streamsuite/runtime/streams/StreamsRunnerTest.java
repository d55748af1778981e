package dev.streamsuite.runtime.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class StreamsRunnerTest {

    @Test
    void aStaticMemberIsRecognisedWhicheverWayItsInstanceIdIsSet() {
        Properties config = new Properties();
        assertThat(StreamsRunner.staticMember(config)).isFalse();
        for (String key : new String[] {"group.instance.id", "consumer.group.instance.id", "main.consumer.group.instance.id"}) {
            Properties withId = new Properties();
            withId.put(key, "pod-0");
            assertThat(StreamsRunner.staticMember(withId)).as(key).isTrue();
        }
        // the restore consumer's or the producer's id does not make the group member static
        config.put("restore.consumer.group.instance.id", "x");
        assertThat(StreamsRunner.staticMember(config)).isFalse();
    }

    @Test
    void theMainConsumerPrefixWinsOverTheConsumerPrefixOverThePlainName() {
        Properties config = new Properties();
        config.put("session.timeout.ms", "1");
        assertThat(StreamsRunner.mainConsumerSetting(config, "session.timeout.ms")).isEqualTo("1");
        config.put("consumer.session.timeout.ms", "2");
        assertThat(StreamsRunner.mainConsumerSetting(config, "session.timeout.ms")).isEqualTo("2");
        config.put("main.consumer.session.timeout.ms", "3");
        assertThat(StreamsRunner.mainConsumerSetting(config, "session.timeout.ms")).isEqualTo("3");
    }

    @Test
    void theNumberOfStreamThreadsIsReadAsKafkaStreamsWould() {
        Properties config = new Properties();
        assertThat(StreamsRunner.streamThreads(config)).isEqualTo(1);
        config.put("num.stream.threads", 4);
        assertThat(StreamsRunner.streamThreads(config)).isEqualTo(4);
        config.put("num.stream.threads", " 3 ");
        assertThat(StreamsRunner.streamThreads(config)).isEqualTo(3);
        // Kafka Streams refuses it itself when it starts
        config.put("num.stream.threads", "many");
        assertThat(StreamsRunner.streamThreads(config)).isEqualTo(1);
    }

    @Test
    void aClientIdOfTheUsersIsRecognised() {
        Properties config = new Properties();
        assertThat(StreamsRunner.hasClientId(config)).isFalse();
        config.put("client.id", " ");
        assertThat(StreamsRunner.hasClientId(config)).isFalse();
        config.put("client.id", "orders");
        assertThat(StreamsRunner.hasClientId(config)).isTrue();
    }
}
