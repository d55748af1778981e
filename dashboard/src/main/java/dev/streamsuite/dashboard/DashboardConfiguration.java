package dev.streamsuite.dashboard;

import java.time.Clock;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class DashboardConfiguration {

    @Bean
    LiveModel liveModel(DashboardProperties properties) {
        return new LiveModel(properties.windowsShown(), properties.alertsShown(), Clock.systemUTC());
    }

    @Bean
    Operations operations(DashboardProperties properties) {
        return new Operations(Clock.systemUTC(), properties.historyPoints(),
                List.copyOf(properties.services().byName().keySet()));
    }

    @Bean
    OutputFollower outputFollower(DashboardProperties properties, LiveModel model, JsonMapper json) {
        return new OutputFollower(properties, model, json);
    }

    @Bean
    ServicePoller servicePoller(DashboardProperties properties, Operations operations, LiveModel model, JsonMapper json) {
        return new ServicePoller(properties, operations, model, json);
    }

    @Bean
    LivePush livePush(DashboardProperties properties, LiveModel model, Operations operations) {
        return new LivePush(model, operations, properties.pushInterval());
    }
}
