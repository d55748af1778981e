package dev.streamsuite.orders.config;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
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
public record OrderProperties(@NotNull @DefaultValue("PT1M") Duration joinGrace,
                              @NotNull @DefaultValue("P7D") Duration customerHistoryRetention,
                              @NotNull @DefaultValue("P7D") Duration retention) {

    @AssertTrue(message = "join-grace must not be negative, retention must be positive, and customer-history-retention "
            + "must be positive and at least join-grace (a waiting order looks its customer up as of its own time)")
    public boolean isConsistent() {
        return !joinGrace.isNegative() && retention.toMillis() > 0 && customerHistoryRetention.toMillis() > 0
                && customerHistoryRetention.compareTo(joinGrace) >= 0;
    }
}
