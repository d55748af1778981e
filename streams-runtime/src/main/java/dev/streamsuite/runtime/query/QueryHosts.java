package dev.streamsuite.runtime.query;

import org.apache.kafka.streams.state.HostInfo;

/** This instance's address as other instances reach it (Kafka Streams' {@code application.server}). */
public record QueryHosts(HostInfo self) {

    public static QueryHosts parse(String hostAndPort) {
        int colon = hostAndPort.lastIndexOf(':');
        if (colon <= 0 || colon == hostAndPort.length() - 1) {
            throw new IllegalArgumentException("suite.application-server must be host:port, was '" + hostAndPort + "'");
        }
        return new QueryHosts(new HostInfo(hostAndPort.substring(0, colon), Integer.parseInt(hostAndPort.substring(colon + 1))));
    }

    public String selfAddress() {
        return self.host() + ":" + self.port();
    }

    public static String address(HostInfo host) {
        return host.host() + ":" + host.port();
    }
}
