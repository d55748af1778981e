package dev.streamsuite.dashboard;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the dashboard ({@code dashboard.*}).
 *
 * @param bootstrapServers  the Kafka cluster whose output topics the dashboard follows
 * @param services          base URLs of the three services
 * @param replayPerPartition how many of the latest records of each output partition are read on start-up,
 *                          so the page shows recent results at once
 * @param pollInterval      how often the services' readiness, metrics and APIs are polled
 * @param pushInterval      how often changes are pushed to browsers (at most)
 * @param windowsShown      purchase windows kept for the chart
 * @param alertsShown       fraud alerts kept for the list
 * @param historyPoints     points of the operations charts (one per poll)
 */
@Validated
@ConfigurationProperties("dashboard")
public record DashboardProperties(@NotBlank @DefaultValue("localhost:9092") String bootstrapServers,
                                  @Valid @NotNull @DefaultValue Services services,
                                  @Min(0) @DefaultValue("1000") int replayPerPartition,
                                  @NotNull @DurationMin(millis = 1) @DefaultValue("PT2S") Duration pollInterval,
                                  @NotNull @DurationMin(millis = 1) @DefaultValue("PT1S") Duration pushInterval,
                                  @Min(1) @Max(1000) @DefaultValue("12") int windowsShown,
                                  @Min(1) @Max(1000) @DefaultValue("50") int alertsShown,
                                  @Min(2) @Max(10000) @DefaultValue("90") int historyPoints) {

    /**
     * @param purchaseAggregator base URL of purchase-aggregator
     * @param orderEnricher      base URL of order-enricher
     * @param fraudDetector      base URL of fraud-detector
     */
    public record Services(@NotBlank @DefaultValue("http://localhost:8081") String purchaseAggregator,
                           @NotBlank @DefaultValue("http://localhost:8082") String orderEnricher,
                           @NotBlank @DefaultValue("http://localhost:8083") String fraudDetector) {

        /** Service name → base URL without a trailing slash, in display order. */
        public Map<String, String> byName() {
            Map<String, String> map = new LinkedHashMap<>();
            map.put("purchase-aggregator", strip(purchaseAggregator));
            map.put("order-enricher", strip(orderEnricher));
            map.put("fraud-detector", strip(fraudDetector));
            return map;
        }

        private static String strip(String url) {
            return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        }
    }
}
