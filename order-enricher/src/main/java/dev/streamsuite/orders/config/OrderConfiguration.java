package dev.streamsuite.orders.config;

import dev.streamsuite.orders.topology.OrderTopology;
import dev.streamsuite.runtime.config.Durations;
import dev.streamsuite.runtime.config.SuiteProperties;
import dev.streamsuite.runtime.streams.ServiceTopology;
import dev.streamsuite.runtime.streams.TopicInitializer;
import dev.streamsuite.runtime.topology.TopologyEvents;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class OrderConfiguration {

    private static final Logger log = LoggerFactory.getLogger(OrderConfiguration.class);

    @Bean
    OrderTopology orderTopology(OrderProperties orders, SuiteProperties suite, TopologyEvents events) {
        // a misspelt property is ignored by Spring Boot: the values in use, once, at start-up
        log.info("Orders: join-grace {}, customer-history-retention {}, retention {}; max-future-skew {}", Durations.text(orders.joinGrace()),
                Durations.text(orders.customerHistoryRetention()), Durations.text(orders.retention()),
                Durations.text(suite.maxFutureSkew()));
        return new OrderTopology(orders.joinGrace(), orders.customerHistoryRetention(), orders.retention(),
                suite.maxFutureSkew(), events);
    }

    /** Creates the topics first: the repartition topic takes the partition count of {@code customers}. */
    @Bean
    ServiceTopology serviceTopology(OrderTopology topology, TopicInitializer topics) {
        // the two outputs must have one count (below): a missing one takes the other's, not suite.topics.partitions
        Map<String, Integer> outputs = topics.partitions(List.of(OrderTopology.ENRICHED, OrderTopology.UNMATCHED));
        Map<String, Integer> partitions = outputs.size() != 1 ? Map.of() : Map.of(
                outputs.containsKey(OrderTopology.ENRICHED) ? OrderTopology.UNMATCHED : OrderTopology.ENRICHED,
                outputs.values().iterator().next());
        topics.ensure(topology.topics(), partitions);
        Map<String, Integer> counts = new TreeMap<>(topics.partitions(List.of(OrderTopology.CUSTOMERS, OrderTopology.ENRICHED,
                OrderTopology.UNMATCHED)));
        Integer customers = counts.remove(OrderTopology.CUSTOMERS);
        TopicInitializer.requireSamePartitions(counts, "order-enricher reads both back into "
                + OrderTopology.ORDERS_BY_ID_STORE + " by orderId, and with different counts GET /api/orders/{id} would "
                + "not find the orders of one of them");
        OptionalInt customersPartitions = customers == null ? OptionalInt.empty() : OptionalInt.of(customers);
        customersPartitions.ifPresent(n -> log.info("{} has {} partitions: {}-repartition gets as many", OrderTopology.CUSTOMERS,
                n, OrderTopology.REPARTITION));
        return new ServiceTopology(topology.build(customersPartitions), topology.topics());
    }
}
