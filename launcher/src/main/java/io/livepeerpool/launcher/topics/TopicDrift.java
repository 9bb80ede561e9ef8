package io.livepeerpool.launcher.topics;

import java.util.Map;
import java.util.TreeMap;

/**
 * What differs between a topic as the catalogue declares it and as the cluster has it. Settings are repaired in place;
 * a partition count is not: adding partitions moves keys to other partitions, which would split a transcoder's or a
 * sender's history across partitions and break the ledger's per-partition order, so that is refused for an operator
 * to decide.
 */
public record TopicDrift(String topic, int declaredPartitions, int actualPartitions, Map<String, String[]> settings) {

    /** Compares declared settings with the actual ones (only the keys the catalogue declares). */
    public static TopicDrift of(String topic, int declaredPartitions, int actualPartitions,
                                Map<String, String> declared, Map<String, String> actual) {
        Map<String, String[]> changed = new TreeMap<>();
        declared.forEach((key, want) -> {
            String have = actual.get(key);
            if (!want.equals(have)) {
                changed.put(key, new String[] {have, want});
            }
        });
        return new TopicDrift(topic, declaredPartitions, actualPartitions, changed);
    }

    public boolean partitionsDiffer() {
        return declaredPartitions != actualPartitions;
    }

    public boolean settingsDiffer() {
        return !settings.isEmpty();
    }

    /** One line for the operator: {@code key: old -> new, ...}. */
    public String describeSettings() {
        StringBuilder s = new StringBuilder();
        settings.forEach((key, change) -> {
            if (!s.isEmpty()) {
                s.append(", ");
            }
            s.append(key).append(": ").append(change[0]).append(" -> ").append(change[1]);
        });
        return s.toString();
    }
}
