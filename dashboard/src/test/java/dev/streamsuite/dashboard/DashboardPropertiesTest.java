package dev.streamsuite.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DashboardPropertiesTest {

    private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();
    private static final DashboardProperties.Services SERVICES = new DashboardProperties.Services(
            "http://localhost:8081", "http://localhost:8082", "http://localhost:8083");

    private static Set<String> invalid(Duration poll, Duration push) {
        DashboardProperties properties = new DashboardProperties("localhost:9092", SERVICES, 1000, poll, push, 12, 50, 90);
        return VALIDATOR.validate(properties).stream().map(ConstraintViolation::getPropertyPath).map(Object::toString)
                .collect(Collectors.toSet());
    }

    @Test
    void intervalsMustBePositive() {
        // a zero or negative interval failed later in the scheduler, with an exception that named no property
        assertThat(invalid(Duration.ofSeconds(2), Duration.ofSeconds(1))).isEmpty();
        assertThat(invalid(Duration.ofSeconds(-1), Duration.ZERO)).containsExactlyInAnyOrder("pollInterval", "pushInterval");
        assertThat(invalid(Duration.ofMillis(1), Duration.ofMillis(1))).isEmpty();
    }
}
