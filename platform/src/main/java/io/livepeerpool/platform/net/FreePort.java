package io.livepeerpool.platform.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Free TCP ports on the loopback interface, for the dev stack's children (free when checked: a caller that loses a
 * port to someone else retries).
 */
public final class FreePort {

    private FreePort() {
    }

    /**
     * Resolves the requested ports: a non-zero port is kept as is, each 0 is replaced by a free port. The free ports
     * are held open together while picking, so the ones returned by one call are distinct.
     */
    public static int[] resolve(int... requested) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            int[] ports = new int[requested.length];
            for (int i = 0; i < requested.length; i++) {
                if (requested[i] != 0) {
                    ports[i] = requested[i];
                } else {
                    ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                    held.add(socket);
                    ports[i] = socket.getLocalPort();
                }
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("could not pick a free port", e);
        } finally {
            for (ServerSocket socket : held) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // nothing to do: the port is free again either way
                }
            }
        }
    }

    /** One free port. */
    public static int pick() {
        return resolve(0)[0];
    }
}
