package dev.streamsuite.runtime.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QueryHostsTest {

    @Test
    void theSuiteSettingWinsThenKafkaStreamsOwnThenTheServerPort() {
        assertThat(QueryHosts.of("orders-1.orders:8082", null, 8080).selfAddress()).isEqualTo("orders-1.orders:8082");
        assertThat(QueryHosts.of(" ", "other:9000", 8080).selfAddress()).isEqualTo("other:9000");
        assertThat(QueryHosts.of(null, null, 8080).selfAddress()).isEqualTo("localhost:8080");
        assertThat(QueryHosts.of(null, "", 8081).self()).isEqualTo(new HostInfo("localhost", 8081));
    }

    @ParameterizedTest
    @ValueSource(strings = {"h:0", "h:65536", "h:99999", "h:123456", "h:99999999999", "h:", ":80", "h", "h:8o", "h:-1",
            "127.0.0.1:80:90", "bad_host:80"})
    void anAddressOtherInstancesCannotCallIsRefusedNamingTheSetting(String address) {
        assertThatThrownBy(() -> QueryHosts.of(address, null, 8080))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("suite.application-server")
                .hasMessageContaining("port from 1 to 65535");
        assertThatThrownBy(() -> QueryHosts.of(null, address, 8080))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("spring.kafka.streams.properties.application.server");
    }

    @Test
    void anAddressIsReadAsKafkaStreamsReadsIt() {
        assertThat(QueryHosts.of("[::1]:8080", null, 8080).self()).isEqualTo(new HostInfo("::1", 8080));
        assertThat(QueryHosts.of("[::1]:8080", null, 8080).selfAddress()).isEqualTo("[::1]:8080");
        assertThat(QueryHosts.of(null, "http://orders-1:8082", 8080).self()).isEqualTo(new HostInfo("orders-1", 8082));
        assertThat(QueryHosts.address(new HostInfo("fe80::1", 8083))).isEqualTo("[fe80::1]:8083");
    }

    @Test
    void bothSettingsMayNameOnlyTheSameAddress() {
        assertThat(QueryHosts.of("orders-1:8082", "orders-1:8082", 8080).selfAddress()).isEqualTo("orders-1:8082");
        assertThatThrownBy(() -> QueryHosts.of("orders-1:8082", "orders-2:8082", 8080))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("spring.kafka.streams.properties.application.server")
                .hasMessageContaining("differs from suite.application-server (orders-1:8082)");
    }

    @Test
    void aRandomServerPortNeedsAnAddressSet() {
        assertThatThrownBy(() -> QueryHosts.of(null, null, 0))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("suite.application-server")
                .hasMessageContaining("server.port is 0");
        assertThat(QueryHosts.of("h:8081", null, 0).selfAddress()).isEqualTo("h:8081");
    }

    @Test
    void thePortsAtTheEndsAreCallable() {
        assertThat(QueryHosts.of("h:1", null, 8080).self().port()).isEqualTo(1);
        assertThat(QueryHosts.of("h:65535", null, 8080).self().port()).isEqualTo(65535);
        assertThat(QueryHosts.callable(new HostInfo("h", 65535))).isTrue();
        assertThat(QueryHosts.callable(new HostInfo("h", 99999))).isFalse();
        assertThat(QueryHosts.callable(new HostInfo("h", 0))).isFalse();
    }
}
