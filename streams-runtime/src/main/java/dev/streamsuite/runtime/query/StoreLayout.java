package dev.streamsuite.runtime.query;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.TopologyDescription;

/** Which source topics feed the task that holds each store: its partitions are the store's partitions. */
final class StoreLayout {

    private final Map<String, Set<String>> sourceTopicsByStore = new HashMap<>();

    StoreLayout(TopologyDescription description, String applicationId) {
        for (TopologyDescription.Subtopology sub : description.subtopologies()) {
            Set<String> topics = new HashSet<>();
            Set<String> stores = new HashSet<>();
            for (TopologyDescription.Node node : sub.nodes()) {
                if (node instanceof TopologyDescription.Source source && source.topicSet() != null) {
                    for (String topic : source.topicSet()) {
                        topics.add(topic);
                        topics.add(applicationId + "-" + topic); // internal topics carry the application id
                    }
                }
                if (node instanceof TopologyDescription.Processor processor) {
                    stores.addAll(processor.stores());
                }
            }
            stores.forEach(store -> sourceTopicsByStore.put(store, topics));
        }
    }

    boolean feeds(String store, String topic) {
        return sourceTopicsByStore.getOrDefault(store, Set.of()).contains(topic);
    }
}
