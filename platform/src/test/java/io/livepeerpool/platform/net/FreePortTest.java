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
}
