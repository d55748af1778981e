package dev.streamsuite.fraud.config;

import dev.streamsuite.fraud.topology.FraudTopology;
import dev.streamsuite.runtime.config.Durations;
import dev.streamsuite.runtime.config.SuiteProperties;
import dev.streamsuite.runtime.streams.ServiceTopology;
import dev.streamsuite.runtime.topology.TopologyEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class FraudConfiguration {

    private static final Logger log = LoggerFactory.getLogger(FraudConfiguration.class);

    @Bean
    FraudTopology fraudTopology(FraudProperties fraud, SuiteProperties suite, TopologyEvents events) {
        // a misspelt property is ignored by Spring Boot: the values in use, once, at start-up
        log.info("Fraud rules: {}; dedup-retention {}, alert-retention {}; max-future-skew {}", fraud.ruleSettings().describe(),
                Durations.text(fraud.dedupRetention()), Durations.text(fraud.alertRetention()),
                Durations.text(suite.maxFutureSkew()));
        return new FraudTopology(fraud.ruleSettings(), fraud.dedupRetention(), fraud.alertRetention(),
                suite.maxFutureSkew(), events);
    }

    @Bean
    ServiceTopology serviceTopology(FraudTopology topology) {
        return new ServiceTopology(topology.build(), topology.topics());
    }
}
