package dev.streamsuite.runtime.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class PartitionCopiesTest {

    private static final HostInfo A = new HostInfo("localhost", 8081);
    private static final HostInfo B = new HostInfo("localhost", 8082);

    @Test
    void eachPartitionComesFromItsActiveCopyOrElseAStandby() {
        Map<Integer, HostInfo> active = Map.of(0, A, 1, B, 3, A);
        Map<Integer, List<HostInfo>> standbys = Map.of(2, List.of(B, A), 3, List.of(B));

        PartitionCopies plan = PartitionCopies.plan("s", 4, active, standbys, 5);

        assertThat(plan.partitionsByActive()).isEqualTo(Map.of(A, List.of(0, 3), B, List.of(1)));
        assertThat(plan.withoutActive()).containsExactly(2);
        assertThat(plan.standbys().get(2)).containsExactly(B, A);
    }

    @Test
    void aPartitionWithoutAnyCopyIsA503EvenAtTheEnd() {
        Map<Integer, HostInfo> active = Map.of(0, A, 1, B);

        assertThatThrownBy(() -> PartitionCopies.plan("s", 3, active, Map.of(), 7)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
            assertThat(e.retryAfterSeconds()).isEqualTo(7);
            assertThat(e.getMessage()).isEqualTo("partition 2 of s is not assigned right now (rebalancing)");
        });
        assertThatThrownBy(() -> PartitionCopies.plan("s", 3, Map.of(0, A, 2, B), Map.of(), 7))
                .hasMessage("partition 1 of s is not assigned right now (rebalancing)");
        assertThatThrownBy(() -> PartitionCopies.plan("s", 0, Map.of(), Map.of(), 7))
                .hasMessage("no instance hosts s right now (starting or rebalancing; this instance knows the others only from its first assignment)");
    }

    @Test
    void theMetadataNamesAtLeastOneMoreThanItsHighestPartition() {
        assertThat(PartitionCopies.partitionsNamed(Map.of(0, A, 4, B), Map.of(5, List.of(A)))).isEqualTo(6);
        assertThat(PartitionCopies.partitionsNamed(Map.of(1, A), Map.of())).isEqualTo(2);
        assertThat(PartitionCopies.partitionsNamed(Map.of(), Map.of())).isZero();
    }
}
