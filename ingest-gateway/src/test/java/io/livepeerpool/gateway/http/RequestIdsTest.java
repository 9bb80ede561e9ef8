package io.livepeerpool.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class RequestIdsTest {
    @Test
    void idsAreRandomVersion4UuidsAndDistinct() {
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            UUID id = RequestIds.randomUuid();
            assertThat(id.version()).isEqualTo(4);
            assertThat(id.variant()).isEqualTo(2);
            assertThat(UUID.fromString(id.toString())).isEqualTo(id);
            seen.add(id);
        }
        assertThat(seen).hasSize(10_000);
    }

    @Test
    void threadsDoNotRepeatEachOthersIds() throws InterruptedException {
        Set<UUID> seen = ConcurrentHashMap.newKeySet();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 10_000; i++) {
                    seen.add(RequestIds.randomUuid());
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(seen).hasSize(80_000);
    }
}
