package dev.streamsuite.runtime.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StaleMembersTest {

    private static final Set<String> OWN = Set.of("app-p1-StreamThread-1-consumer", "app-p1-StreamThread-2-consumer");

    @Test
    void onlyAGroupOfThisInstancesOwnConsumersIsCleared() {
        assertThat(StaleMembers.allOwn(List.of("app-p1-StreamThread-1-consumer"), OWN)).isTrue();
        assertThat(StaleMembers.allOwn(List.of("app-p1-StreamThread-2-consumer", "app-p1-StreamThread-1-consumer"), OWN)).isTrue();
        // another instance (another process id) is in the group: it takes over the dead member's tasks by itself
        assertThat(StaleMembers.allOwn(List.of("app-p1-StreamThread-1-consumer", "app-p2-StreamThread-1-consumer"), OWN)).isFalse();
        assertThat(StaleMembers.allOwn(List.of(), OWN)).as("an empty group needs nothing").isFalse();
    }
}
