package dev.streamsuite.orders.config;

import dev.streamsuite.orders.topology.OrderTopology;
import dev.streamsuite.runtime.config.SuiteProperties;
import dev.streamsuite.runtime.streams.ServiceTopology;
import dev.streamsuite.runtime.topology.TopologyEvents;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class OrderConfiguration {

    @Bean
    OrderTopology orderTopology(OrderProperties orders, SuiteProperties suite, TopologyEvents events) {
        return new OrderTopology(orders.joinGrace(), orders.customerHistoryRetention(), orders.retention(),
                suite.maxFutureSkew(), events);
    }

    @Bean
    ServiceTopology serviceTopology(OrderTopology topology) {
        return new ServiceTopology(topology.build(), topology.topics());
    }
}
