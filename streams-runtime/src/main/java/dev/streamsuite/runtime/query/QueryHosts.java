package dev.streamsuite.runtime.query;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.state.HostInfo;

/** This instance's address as other instances reach it (Kafka Streams' {@code application.server}). */
public record QueryHosts(HostInfo self) {

    /**
     * {@code suite.application-server}, else Kafka Streams' own {@code application.server} if set as a
     * {@code spring.kafka.streams.properties} entry, else {@code localhost:<server.port>}: one address, used both
     * by Kafka Streams' metadata and by this instance to recognise its own keys and name itself in X-Served-By.
     */
    public static QueryHosts of(String suiteSetting, Object streamsSetting, int serverPort) {
        if (suiteSetting != null && !suiteSetting.isBlank()) {
            return parse("suite.application-server", suiteSetting.trim());
        }
        if (streamsSetting != null && !streamsSetting.toString().isBlank()) {
            return parse("spring.kafka.streams.properties.application.server", streamsSetting.toString().trim());
        }
        return parse("server.port", "localhost:" + serverPort);
    }

    public static QueryHosts parse(String hostAndPort) {
        return parse("suite.application-server", hostAndPort);
    }

    private static QueryHosts parse(String setting, String hostAndPort) {
        int colon = hostAndPort.lastIndexOf(':');
        String host = colon > 0 ? hostAndPort.substring(0, colon) : "";
        String port = colon > 0 ? hostAndPort.substring(colon + 1) : "";
        if (host.isBlank() || !port.matches("[0-9]{1,5}") || !validPort(Integer.parseInt(port))) {
            throw new ConfigException(setting, hostAndPort, "must be host:port with a port from 1 to 65535, e.g. orders-1.orders:8082");
        }
        return new QueryHosts(new HostInfo(host, Integer.parseInt(port)));
    }

    /** Whether another instance can be called at this address (one of an earlier version may name any port). */
    static boolean callable(HostInfo host) {
        return host.host() != null && !host.host().isBlank() && validPort(host.port());
    }

    private static boolean validPort(int port) {
        return port >= 1 && port <= 65535;
    }

    public String selfAddress() {
        return self.host() + ":" + self.port();
    }

    public static String address(HostInfo host) {
        return host.host() + ":" + host.port();
    }
}
