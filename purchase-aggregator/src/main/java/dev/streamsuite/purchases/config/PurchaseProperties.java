package dev.streamsuite.purchases.config;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
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
public record PurchaseProperties(@NotNull @DurationMin(millis = 1) @DefaultValue("PT5M") Duration windowSize,
                                 @NotNull @DurationMin(millis = 0) @DefaultValue("PT1M") Duration grace,
                                 @NotNull @DurationMin(millis = 0) @DefaultValue("P1D") Duration retention) {
}
