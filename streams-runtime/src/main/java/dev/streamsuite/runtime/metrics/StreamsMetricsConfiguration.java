package dev.streamsuite.runtime.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The suite's metrics beans; imported by the runtime's auto-configuration. */
@Configuration(proxyBeanMethods = false)
public class StreamsMetricsConfiguration {

    /** Latency buckets of {@code http.server.requests}, so Prometheus can tell quantiles per endpoint. */
    static final double[] HTTP_BUCKETS_SECONDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5};

    @Bean
    StreamsMetrics streamsMetrics(MeterRegistry registry) {
        return new StreamsMetrics(registry);
    }

    /**
     * Histogram buckets for {@code http.server.requests} unless {@code management.metrics.distribution.*}
     * already configures them: 10 buckets per series rather than a full percentile histogram.
     */
    @Bean
    MeterFilter httpServerRequestsBuckets() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!"http.server.requests".equals(id.getName()) || config.getServiceLevelObjectiveBoundaries() != null
                        || Boolean.TRUE.equals(config.isPercentileHistogram())) {
                    return config;
                }
                double[] nanos = new double[HTTP_BUCKETS_SECONDS.length]; // a timer's buckets are in nanoseconds
                for (int i = 0; i < nanos.length; i++) {
                    nanos[i] = HTTP_BUCKETS_SECONDS[i] * 1e9;
                }
                return DistributionStatisticConfig.builder().serviceLevelObjectives(nanos).build().merge(config);
            }
        };
    }
}
