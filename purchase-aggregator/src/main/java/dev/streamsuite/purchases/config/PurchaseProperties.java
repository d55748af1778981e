package dev.streamsuite.purchases.config;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param windowSize size of the epoch-aligned tumbling windows
 * @param grace      how long after its end (in stream time) a window still accepts purchases
 * @param retention  how long after its end (in stream time) a summary stays queryable
 */
@Validated
@ConfigurationProperties("purchases")
public record PurchaseProperties(@NotNull @DefaultValue("PT5M") Duration windowSize,
                                 @NotNull @DefaultValue("PT1M") Duration grace,
                                 @NotNull @DefaultValue("P1D") Duration retention) {

    @AssertTrue(message = "window-size must be positive, grace and retention must not be negative")
    public boolean isConsistent() {
        return windowSize.toMillis() > 0 && !grace.isNegative() && !retention.isNegative();
    }
}
