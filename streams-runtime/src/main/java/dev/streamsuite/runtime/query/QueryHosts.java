package dev.streamsuite.runtime.query;

import java.net.URI;
import java.util.Objects;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.state.HostInfo;

/** This instance's address as other instances reach it (Kafka Streams' {@code application.server}). */
public record QueryHosts(HostInfo self) {

    static final String SUITE_SETTING = "suite.application-server";
    static final String STREAMS_SETTING = "spring.kafka.streams.properties.application.server";
    /** What an advertised address must be, as start-up reports it (also {@code SuiteProperties}' first check). */
    public static final String ADDRESS_RULE = "must be host:port with a port from 1 to 65535, e.g. orders-1.orders:8082";

    /**
     * {@code suite.application-server}, else Kafka Streams' own {@code application.server} if set as a
     * {@code spring.kafka.streams.properties} entry, else {@code localhost:<server.port>}: one address, used both
     * by Kafka Streams' metadata and by this instance to recognise its own keys and name itself in X-Served-By.
     * Both settings given with different addresses is refused: one of them would be ignored without a word.
     */
    public static QueryHosts of(String suiteSetting, Object streamsSetting, int serverPort) {
        String suite = suiteSetting == null || suiteSetting.isBlank() ? null : suiteSetting.trim();
        String streams = streamsSetting == null || streamsSetting.toString().isBlank() ? null : streamsSetting.toString().trim();
        if (suite != null) {
            QueryHosts hosts = parse(SUITE_SETTING, suite);
            if (streams != null && !parse(STREAMS_SETTING, streams).equals(hosts)) {
                throw new ConfigException(STREAMS_SETTING, streams, "differs from " + SUITE_SETTING + " (" + suite
                        + "); set only one of them");
            }
            return hosts;
        }
        if (streams != null) {
            return parse(STREAMS_SETTING, streams);
        }
        if (serverPort == 0) {
            throw new ConfigException(SUITE_SETTING, null, "must be set when server.port is 0 (a random port): other "
                    + "instances need the port to reach this one");
        }
        return parse("server.port", "localhost:" + serverPort);
    }

    public static QueryHosts parse(String hostAndPort) {
        return parse(SUITE_SETTING, hostAndPort);
    }

    /** With Kafka's own parser, so that the address is read exactly as Kafka Streams reads it ({@code [::1]:8080}: host {@code ::1}). */
    private static QueryHosts parse(String setting, String hostAndPort) {
        HostInfo host;
        try {
            host = HostInfo.buildFromEndpoint(hostAndPort);
        } catch (RuntimeException e) {
            host = null;
        }
        if (host == null || !callable(host)) {
            throw new ConfigException(setting, hostAndPort, ADDRESS_RULE);
        }
        return new QueryHosts(host);
    }

    /**
     * Whether another instance can be called at this address: a port from 1 to 65535 and a host a URL can name (Kafka's
     * parser also takes {@code bad_host} or {@code 127.0.0.1:80:90}, whose URLs have no host). One of an earlier
     * version may advertise any of these.
     */
    static boolean callable(HostInfo host) {
        if (host.host() == null || host.host().isBlank() || host.port() < 1 || host.port() > 65535) {
            return false;
        }
        try {
            return URI.create("http://" + address(host) + "/").getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public String selfAddress() {
        return address(self);
    }

    /** {@code host:port}, an IPv6 host in brackets, as URLs and {@code application.server} take it. */
    public static String address(HostInfo host) {
        String name = Objects.requireNonNullElse(host.host(), "");
        return (name.contains(":") ? "[" + name + "]" : name) + ":" + host.port();
    }
}
