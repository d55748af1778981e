package dev.streamsuite.fraud.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SeenIdsTest {

    @Test
    void everyIdAddedOrLoadedMayBeContainedAndFewOthersDo() {
        SeenIds seen = SeenIds.load(IntStream.range(0, 100_000).mapToObj(i -> "loaded-" + i).iterator(), id -> id);
        IntStream.range(0, 100_000).forEach(i -> seen.add("t-" + i));
        assertThat(seen.size()).isEqualTo(200_000);
        assertThat(IntStream.range(0, 100_000).allMatch(i -> seen.mayContain("loaded-" + i) && seen.mayContain("t-" + i)))
                .isTrue();
        long falsePositives = IntStream.range(0, 100_000).filter(i -> seen.mayContain("other-" + i)).count();
        // 200,000 ids in a filter sized for 1.67M: far below its 1% when full
        assertThat(falsePositives).isLessThan(100);
    }

    @Test
    void whenFullEveryIdIsLeftToTheStoreAndLoadingStops() {
        int[] read = {0};
        SeenIds seen = SeenIds.load(IntStream.range(0, SeenIds.CAPACITY * 2).mapToObj(i -> {
            read[0]++;
            return "t-" + i;
        }).iterator(), id -> id);
        assertThat(seen.full()).isTrue();
        assertThat(read[0]).isEqualTo(SeenIds.CAPACITY + 1);
        assertThat(seen.mayContain("never-added")).isTrue();
    }

    @Test
    void anEmptyStoreGivesAnEmptyFilter() {
        SeenIds seen = SeenIds.load(List.<String>of().iterator(), id -> id);
        assertThat(seen.full()).isFalse();
        assertThat(seen.mayContain("t-1")).isFalse();
    }
}
