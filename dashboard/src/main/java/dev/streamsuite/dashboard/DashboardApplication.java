package dev.streamsuite.dashboard;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The suite's live dashboard: follows the output topics, polls the services' HTTP APIs and metrics, and
 * pushes both to browsers with Server-Sent Events; the page is {@code /}.
 */
@SpringBootApplication
@EnableScheduling
@ConfigurationPropertiesScan
public class DashboardApplication {

    public static void main(String[] args) {
        SpringApplication.run(DashboardApplication.class, args);
    }
}
