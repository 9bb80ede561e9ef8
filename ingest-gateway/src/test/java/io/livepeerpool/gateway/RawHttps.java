package io.livepeerpool.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.livepeerpool.platform.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * Sends bytes no HTTP client would send (bad request lines, broken headers, malformed URIs) over TLS to the
 * gateway, trusting exactly its certificate, and reads the one answer until the server closes or the body ends.
 */
final class RawHttps {
    private static final int TIMEOUT_MS = 10_000;

    private final SSLContext ssl;
    private final int port;

    RawHttps(X509Certificate certificate, int port) {
        this.port = port;
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("gateway", certificate);
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            ssl = SSLContext.getInstance("TLS");
            ssl.init(null, factory.getTrustManagers(), null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** One parsed answer: status line, headers (lower-case names), raw body and its JSON (null if not JSON). */
    record Answer(String statusLine, int status, Map<String, String> headers, String body, JsonNode json) {
        String error() {
            return json == null ? null : json.path("error").asText(null);
        }

        String field() {
            return json == null || json.get("field") == null || json.get("field").isNull() ? null : json.get("field").asText();
        }

        String contentType() {
            return headers.getOrDefault("content-type", "");
        }
    }

    /** Sends {@code request} exactly as given (ISO-8859-1 bytes) and reads the answer. */
    Answer send(String request) throws IOException {
        return send(request.getBytes(StandardCharsets.ISO_8859_1));
    }

    Answer send(byte[] request) throws IOException {
        return exchange(request, false);
    }

    /**
     * Sends {@code request}, then closes the sending half (TLS close_notify) as a client that gives up mid-body does,
     * and reads whatever answer comes.
     */
    Answer sendThenStop(String request) throws IOException {
        return exchange(request.getBytes(StandardCharsets.ISO_8859_1), true);
    }

    private Answer exchange(byte[] request, boolean stopSending) throws IOException {
        try (SSLSocket socket = (SSLSocket) ssl.getSocketFactory().createSocket("localhost", port)) {
            socket.setSoTimeout(TIMEOUT_MS);
            socket.startHandshake();
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            if (stopSending) {
                socket.shutdownOutput();
            }
            boolean head = new String(request, 0, Math.min(5, request.length), StandardCharsets.ISO_8859_1).equals("HEAD ");
            return read(socket.getInputStream(), head);
        }
    }

    /** {@code head}: the answer to a HEAD request, which has no body whatever its Content-Length says. */
    private static Answer read(InputStream in, boolean headRequest) throws IOException {
        String head = readHead(in);
        String[] lines = head.split("\r\n");
        String statusLine = lines[0];
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        byte[] body = headRequest ? new byte[0] : headers.containsKey("content-length")
                ? in.readNBytes(Integer.parseInt(headers.get("content-length")))
                : headers.getOrDefault("transfer-encoding", "").equalsIgnoreCase("chunked") ? chunked(in) : readToEnd(in);
        String text = new String(body, StandardCharsets.UTF_8);
        JsonNode json = null;
        try {
            json = text.isEmpty() ? null : Json.mapper().readTree(text);
        } catch (IOException notJson) {
            // the answer is what it is; the test says what it expected
        }
        return new Answer(statusLine, status, headers, text, json);
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed before the end of the answer's head: " + head);
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static byte[] chunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line(in);
            int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
            if (size == 0) {
                line(in);
                return body.toByteArray();
            }
            body.write(in.readNBytes(size));
            line(in);
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    private static byte[] readToEnd(InputStream in) throws IOException {
        try {
            return in.readAllBytes();
        } catch (javax.net.ssl.SSLException | java.net.SocketException closed) {
            return new byte[0];
        }
    }
}
