package dev.streamsuite.runtime.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;

/**
 * Adds {@code streams-runtime-defaults.properties} as the lowest-precedence property source, early
 * enough for logging levels and actuator settings; a service's application.yml, environment variables
 * and the command line all override it.
 */
public class RuntimeDefaults implements EnvironmentPostProcessor {

    static final String NAME = "streams-runtime-defaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        try {
            environment.getPropertySources().addLast(new ResourcePropertySource(NAME,
                    new ClassPathResource("streams-runtime-defaults.properties")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
