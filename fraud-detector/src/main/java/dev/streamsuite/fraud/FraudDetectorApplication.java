package dev.streamsuite.fraud;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Exact per-user balances with de-duplication and fraud rules; alerts to fraud-alerts, queryable over HTTP. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class FraudDetectorApplication {

    public static void main(String[] args) {
        SpringApplication.run(FraudDetectorApplication.class, args);
    }
}
