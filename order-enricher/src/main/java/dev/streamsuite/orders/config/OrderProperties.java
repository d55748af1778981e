package dev.streamsuite.orders.config;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param joinGrace                how long (in stream time) an order waits for a customer version at or before its
 *                                 time that arrives after it
 * @param customerHistoryRetention how long (in event time) superseded customer versions stay available to joins
 * @param retention                how long (in stream time) joined orders stay queryable over HTTP
 */
@Validated
@ConfigurationProperties("orders")
public record OrderProperties(@NotNull @DurationMin(millis = 0) @DefaultValue("PT1M") Duration joinGrace,
                              @NotNull @DurationMin(millis = 1) @DefaultValue("P7D") Duration customerHistoryRetention,
                              @NotNull @DurationMin(millis = 1) @DefaultValue("P7D") Duration retention) {

    @AssertTrue(message = "orders.customer-history-retention must be at least orders.join-grace (a waiting order looks "
            + "its customer up as of its own time)")
    public boolean isCustomerHistoryRetentionAtLeastJoinGrace() {
        return customerHistoryRetention.compareTo(joinGrace) >= 0;
    }
}
