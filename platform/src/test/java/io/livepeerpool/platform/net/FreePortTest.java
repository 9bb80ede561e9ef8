package io.livepeerpool.platform.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class FreePortTest {

    @Test
    void keepsGivenPortsAndPicksDistinctFreeOnesForZeros() throws Exception {
        int[] ports = FreePort.resolve(0, 1234, 0, 0);
        assertThat(ports[1]).isEqualTo(1234);
        assertThat(new int[] {ports[0], ports[2], ports[3]}).doesNotHaveDuplicates().doesNotContain(0);
        try (ServerSocket bound = new ServerSocket(FreePort.pick(), 1, InetAddress.getLoopbackAddress())) {
            assertThat(bound.getLocalPort()).isPositive();
        }
    }

    @Test
    void neverHandsOutAPortTwiceEvenAfterItIsFreeAgain() {
        // each pick closes its probe socket, so the OS may return the same port next time; FreePort must not
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int i = 0; i < 200; i++) {
            assertThat(seen.add(FreePort.pick())).as("pick %d", i).isTrue();
        }
    }
}
