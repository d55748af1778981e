package dev.streamsuite.purchases.config;

import dev.streamsuite.purchases.topology.PurchaseTopology;
import dev.streamsuite.runtime.config.SuiteProperties;
import dev.streamsuite.runtime.streams.ServiceTopology;
import dev.streamsuite.runtime.topology.TopologyEvents;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PurchaseConfiguration {

    @Bean
    PurchaseTopology purchaseTopology(PurchaseProperties purchases, SuiteProperties suite, TopologyEvents events) {
        return new PurchaseTopology(purchases.windowSize(), purchases.grace(), purchases.retention(), suite.maxFutureSkew(), events);
    }

    @Bean
    ServiceTopology serviceTopology(PurchaseTopology topology) {
        return new ServiceTopology(topology.build(), topology.topics());
    }
}
