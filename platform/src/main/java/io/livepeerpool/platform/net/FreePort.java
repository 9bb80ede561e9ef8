package io.livepeerpool.platform.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Free TCP ports on the loopback interface, for the dev stack's children (free when checked: a caller that loses a
 * port to someone else retries).
 *
 * <p>A port is handed out at most once per JVM. The components of one stack pick their ports on parallel threads and
 * bind them later; the OS happily returns a port again once its probe socket is closed, so without this memory the
 * dev chain and the Kafka broker were once given the same port and the broker failed to bind.
 */
public final class FreePort {

    private static final int ATTEMPTS = 100;
    private static final Set<Integer> HANDED_OUT = new HashSet<>();

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
                    ports[i] = fresh(held);
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

    private static int fresh(List<ServerSocket> held) throws IOException {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            // held open until the call ends, so the OS cannot return it again within this call either
            ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            held.add(socket);
            int port = socket.getLocalPort();
            synchronized (HANDED_OUT) {
                if (HANDED_OUT.add(port)) {
                    return port;
                }
            }
        }
        throw new IOException("the OS kept returning ports already handed out (" + ATTEMPTS + " tries)");
    }

    /** One free port. */
    public static int pick() {
        return resolve(0)[0];
    }
}
