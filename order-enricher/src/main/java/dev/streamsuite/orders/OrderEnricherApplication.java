package dev.streamsuite.orders;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Orders enriched with the customer version current at their event time, queryable over HTTP. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class OrderEnricherApplication {

    public static void main(String[] args) {
        SpringApplication.run(OrderEnricherApplication.class, args);
    }
}
