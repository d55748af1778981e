package dev.streamsuite.purchases;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Per-user purchase summaries in tumbling event-time windows, queryable over HTTP. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PurchaseAggregatorApplication {

    public static void main(String[] args) {
        SpringApplication.run(PurchaseAggregatorApplication.class, args);
    }
}
