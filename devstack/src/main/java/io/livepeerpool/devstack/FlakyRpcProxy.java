package io.livepeerpool.devstack;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A JSON-RPC proxy on 127.0.0.1 in front of the dev chain that fails a share of requests, each in one of three ways:
 * an HTTP 500, a connection closed without an answer, or an answer held back longer than the client's timeout.
 * Plain sockets and a minimal HTTP/1.1 parser (Content-Length bodies, keep-alive), so each failure is exactly what
 * the client sees. Which requests fail is random (seeded); the kinds of failure take turns. For tests of RPC clients
 * (the chain watcher, the redeemer). {@link #slow} makes a
 * proxy that fails nothing but answers every request late, and counts how many it held at once.
 */
public final class FlakyRpcProxy implements AutoCloseable {
    public enum Failure { HTTP_500, DROPPED_CONNECTION, DELAY_BEYOND_TIMEOUT }

    private final URI target;
    private final double failureRate;
    private final Duration delay;
    private final Random random;
    private final ServerSocket server;
    private final ExecutorService connections = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<Failure, AtomicLong> injected = new EnumMap<>(Failure.class);
    private final AtomicLong forwarded = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger inFlightMax = new AtomicInteger();
    private final Duration everyRequestDelay;
    private volatile boolean failing = true;
    private volatile String answerLateMethod;
    private final AtomicLong answeredLate = new AtomicLong();

    public FlakyRpcProxy(String targetUrl, long seed, double failureRate, Duration delay) throws IOException {
        this(targetUrl, seed, failureRate, delay, Duration.ZERO);
    }

    /** A proxy that answers every request {@code delay} late and fails none. */
    public static FlakyRpcProxy slow(String targetUrl, Duration delay) throws IOException {
        return new FlakyRpcProxy(targetUrl, 0, 0, Duration.ZERO, delay);
    }

    private FlakyRpcProxy(String targetUrl, long seed, double failureRate, Duration delay, Duration everyRequestDelay)
            throws IOException {
        this.everyRequestDelay = everyRequestDelay;
        this.target = URI.create(targetUrl);
        this.failureRate = failureRate;
        this.delay = delay;
        this.random = new Random(seed);
        for (Failure f : Failure.values()) {
            injected.put(f, new AtomicLong());
        }
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.server.setReuseAddress(true);
        Thread acceptor = new Thread(this::accept, "flaky-rpc-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    public long injected(Failure failure) {
        return injected.get(failure).get();
    }

    public long injectedTotal() {
        return injected.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** Requests answered by the node behind the proxy. */
    public long forwarded() {
        return forwarded.get();
    }

    /** The most requests the proxy held at the same time. */
    public int inFlightMax() {
        return inFlightMax.get();
    }

    /**
     * A proxy that fails nothing at random but forwards every request of JSON-RPC {@code method} at once and holds the
     * node's answer back for {@code delay} (past the client's timeout) before closing: the node got the request (a
     * raw transaction went out) but the client saw a timeout (open-ethereum-pool #216).
     */
    public static FlakyRpcProxy answeringLate(String targetUrl, String method, Duration delay) throws IOException {
        FlakyRpcProxy proxy = new FlakyRpcProxy(targetUrl, 0, 0, delay, Duration.ZERO);
        proxy.answerLateMethod = method;
        return proxy;
    }

    /** Requests of the {@link #answeringLate} method forwarded and answered late. */
    public long answeredLate() {
        return answeredLate.get();
    }

    /** From now on every request is forwarded. */
    public void stopFailing() {
        failing = false;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.submit(() -> serve(socket));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            while (true) {
                byte[] body = readRequest(in);
                if (body == null) {
                    return;
                }
                String late = answerLateMethod;
                if (late != null && new String(body, StandardCharsets.UTF_8).contains("\"method\":\"" + late + "\"")) {
                    byte[] answer = forward(body);
                    forwarded.incrementAndGet();
                    answeredLate.incrementAndGet();
                    Thread.sleep(delay.toMillis());
                    write(out, 200, "OK", answer, true);
                    return;
                }
                Failure failure = decide();
                if (failure == Failure.HTTP_500) {
                    write(out, 500, "Internal Server Error", "injected failure".getBytes(StandardCharsets.UTF_8), true);
                    return;
                }
                if (failure == Failure.DROPPED_CONNECTION) {
                    socket.setSoLinger(true, 0); // reset, no answer
                    return;
                }
                if (failure == Failure.DELAY_BEYOND_TIMEOUT) {
                    Thread.sleep(delay.toMillis());
                }
                inFlightMax.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                byte[] answer;
                try {
                    Thread.sleep(everyRequestDelay.toMillis());
                    answer = forward(body);
                } finally {
                    inFlight.decrementAndGet();
                }
                forwarded.incrementAndGet();
                write(out, 200, "OK", answer, failure != null);
                if (failure != null) {
                    return;
                }
            }
        } catch (IOException | InterruptedException e) {
            // the client went away (after a timeout) or the proxy is closing
        }
    }

    private synchronized Failure decide() {
        if (!failing || random.nextDouble() >= failureRate) {
            return null;
        }
        Failure failure = Failure.values()[(int) (injectedTotal() % Failure.values().length)]; // each kind in turn
        injected.get(failure).incrementAndGet();
        return failure;
    }

    private byte[] forward(byte[] body) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        return response.body();
    }

    /** One request's body, or null at the end of the connection. */
    private static byte[] readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        int length = 0;
        for (String line : head.toString(StandardCharsets.ISO_8859_1).split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        return in.readNBytes(length);
    }

    private static void write(OutputStream out, int status, String reason, byte[] body, boolean close) throws IOException {
        String head = "HTTP/1.1 " + status + " " + reason + "\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length + "\r\n" + (close ? "Connection: close\r\n" : "") + "\r\n";
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        connections.shutdownNow();
    }
}
