package dev.streamsuite.purchases.config;

import dev.streamsuite.purchases.topology.PurchaseTopology;
import dev.streamsuite.runtime.config.Durations;
import dev.streamsuite.runtime.config.SuiteProperties;
import dev.streamsuite.runtime.streams.ServiceTopology;
import dev.streamsuite.runtime.topology.TopologyEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PurchaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PurchaseConfiguration.class);

    @Bean
    PurchaseTopology purchaseTopology(PurchaseProperties purchases, SuiteProperties suite, TopologyEvents events) {
        // a misspelt property is ignored by Spring Boot: the values in use, once, at start-up
        log.info("Purchases: window-size {}, grace {}, retention {}; max-future-skew {}", Durations.text(purchases.windowSize()),
                Durations.text(purchases.grace()), Durations.text(purchases.retention()), Durations.text(suite.maxFutureSkew()));
        if (purchases.retention().compareTo(purchases.grace()) < 0) {
            log.warn("purchases.retention {} is shorter than purchases.grace {}: a window is hidden from the API while it "
                    + "still takes purchases (its final summary stays complete)", Durations.text(purchases.retention()),
                    Durations.text(purchases.grace()));
        }
        return new PurchaseTopology(purchases.windowSize(), purchases.grace(), purchases.retention(), suite.maxFutureSkew(), events);
    }

    @Bean
    ServiceTopology serviceTopology(PurchaseTopology topology) {
        return new ServiceTopology(topology.build(), topology.topics());
    }
}
