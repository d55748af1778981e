package dev.streamsuite.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.util.unit.DataSize;

class SuitePropertiesTest {

    private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();

    private static Set<ConstraintViolation<SuiteProperties>> violations(String applicationServer) {
        return VALIDATOR.validate(new SuiteProperties(applicationServer, null, Duration.ofMinutes(15),
                new SuiteProperties.Topics(true, 6, (short) 1, Duration.ofSeconds(60)),
                new SuiteProperties.Query(Duration.ofSeconds(5), 1, 1), new SuiteProperties.RocksDb(DataSize.ofMegabytes(128))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"h:0", "h:65536", "h:99999", "h:08080", "h:", "h", ":80", "my host:80", "h:8o"})
    void anApplicationServerOtherInstancesCannotCallIsRefused(String address) {
        assertThat(violations(address)).extracting(ConstraintViolation::getMessage)
                .containsExactly("must be host:port with a port from 1 to 65535, e.g. orders-1.orders:8082");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h:1", "h:65535", "orders-1.orders:8082", "[::1]:8080", " h:80 ", "", " "})
    void anyCallableApplicationServerOrNoneIsAccepted(String address) {
        assertThat(violations(address)).isEmpty();
    }
}
