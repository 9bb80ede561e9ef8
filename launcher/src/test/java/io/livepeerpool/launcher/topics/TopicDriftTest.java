package io.livepeerpool.launcher.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livepeerpool.platform.config.ConfigException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicDriftTest {

    @Test
    void onlyDeclaredKeysThatDifferAreDrift() {
        TopicDrift drift = TopicDrift.of("pool.jobs", 6, 6,
                Map.of("retention.ms", "-1", "cleanup.policy", "delete", "min.insync.replicas", "2"),
                Map.of("retention.ms", "604800000", "cleanup.policy", "delete", "min.insync.replicas", "2",
                        "segment.bytes", "1073741824"));

        assertThat(drift.partitionsDiffer()).isFalse();
        assertThat(drift.settingsDiffer()).isTrue();
        assertThat(drift.settings()).containsOnlyKeys("retention.ms");
        assertThat(drift.describeSettings()).isEqualTo("retention.ms: 604800000 -> -1");
    }

    @Test
    void aMissingSettingIsDriftAndEqualSettingsAreNot() {
        assertThat(TopicDrift.of("t", 3, 3, Map.of("min.insync.replicas", "2"), Map.of()).describeSettings())
                .isEqualTo("min.insync.replicas: null -> 2");
        assertThat(TopicDrift.of("t", 3, 3, Map.of("cleanup.policy", "compact"), Map.of("cleanup.policy", "compact"))
                .settingsDiffer()).isFalse();
    }

    @Test
    void aPartitionCountThatDiffersIsReported() {
        TopicDrift drift = TopicDrift.of("t", 6, 3, Map.of(), Map.of());
        assertThat(drift.partitionsDiffer()).isTrue();
        assertThat(drift.settingsDiffer()).isFalse();
    }

    @Test
    void minInsyncAboveReplicationIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> new TopicSettings("k:9092", (short) 1, 2))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("topics.minInsyncReplicas");
    }
}
