package io.livepeerpool.ledger.dedupe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeenIdsTest {

    @Test
    void anIdCountsOnceWithinTheWindow() {
        SeenIds seen = new SeenIds(2);

        assertThat(seen.firstSighting("a")).isTrue();
        assertThat(seen.firstSighting("a")).isFalse();
        seen.nextEpoch();
        seen.nextEpoch();
        assertThat(seen.firstSighting("a")).as("seen two epochs ago: still remembered").isFalse();
        assertThat(seen.firstSighting("b")).isTrue();
    }

    @Test
    void forgetsIdsOlderThanTheWindowSoMemoryIsBounded() {
        SeenIds seen = new SeenIds(1);
        seen.firstSighting("old");
        seen.nextEpoch();
        seen.firstSighting("recent");
        seen.nextEpoch();

        assertThat(seen.size()).isEqualTo(1);
        assertThat(seen.contains("recent")).isTrue();
        assertThat(seen.firstSighting("old")).as("outside the window, counts again").isTrue();
    }

    @Test
    void zeroRetainedEpochsRemembersOnlyTheCurrentOne() {
        SeenIds seen = new SeenIds(0);
        seen.firstSighting("a");
        seen.nextEpoch();

        assertThat(seen.firstSighting("a")).isTrue();
    }

    @Test
    void storeRuleMatchesTheInMemoryWindow() {
        assertThat(SeenIds.isDuplicate(10, 10, 2)).isTrue();
        assertThat(SeenIds.isDuplicate(8, 10, 2)).isTrue();
        assertThat(SeenIds.isDuplicate(7, 10, 2)).isFalse();
    }
}
