package io.livepeerpool.chainwatcher.poll;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class BlockRangeTest {

    @Test
    void readsFromAfterTheCursorUpToTheConfirmedHeadInBoundedSteps() {
        BlockRange r = BlockRange.plan(1_000, 12, OptionalLong.of(100), StartBlock.LATEST, 500);
        assertThat(r).isEqualTo(new BlockRange(1_000, 988, 101, 600));
        assertThat(r.reachesConfirmed()).isFalse();
        BlockRange last = BlockRange.plan(1_000, 12, OptionalLong.of(900), StartBlock.LATEST, 500);
        assertThat(last).isEqualTo(new BlockRange(1_000, 988, 901, 988));
        assertThat(last.reachesConfirmed()).isTrue();
        assertThat(last.blocks()).isEqualTo(88);
    }

    @Test
    void nothingIsReadUntilABlockIsConfirmationsDeep() {
        assertThat(BlockRange.plan(103, 3, OptionalLong.of(100), StartBlock.LATEST, 10).isEmpty()).isTrue();
        assertThat(BlockRange.plan(102, 3, OptionalLong.of(100), StartBlock.LATEST, 10).isEmpty()).isTrue();
        assertThat(BlockRange.plan(104, 3, OptionalLong.of(100), StartBlock.LATEST, 10))
                .isEqualTo(new BlockRange(104, 101, 101, 101));
        assertThat(BlockRange.plan(2, 12, OptionalLong.empty(), StartBlock.LATEST, 10).isEmpty()).isTrue();
    }

    @Test
    void withoutACursorItStartsAtTheStartBlockOrTheConfirmedHead() {
        assertThat(BlockRange.plan(50, 0, OptionalLong.empty(), new StartBlock(7), 10)).isEqualTo(new BlockRange(50, 50, 7, 16));
        assertThat(BlockRange.plan(50, 2, OptionalLong.empty(), StartBlock.LATEST, 10)).isEqualTo(new BlockRange(50, 48, 48, 48));
        assertThat(StartBlock.parse(" Latest ")).isEqualTo(StartBlock.LATEST);
        assertThat(StartBlock.parse("123").block()).isEqualTo(123);
    }

    @Test
    void rangeLimitHalvesOnRefusalAndRecovers() {
        RangeLimit limit = new RangeLimit(1_000);
        limit.shrink();
        limit.shrink();
        assertThat(limit.current()).isEqualTo(250);
        for (int i = 0; i < 20; i++) {
            limit.shrink();
        }
        assertThat(limit.current()).isEqualTo(1);
        for (int i = 0; i < 20; i++) {
            limit.grow();
        }
        assertThat(limit.current()).isEqualTo(1_000);
    }
}
