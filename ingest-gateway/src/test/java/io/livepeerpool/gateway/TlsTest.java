package io.livepeerpool.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livepeerpool.platform.tls.TlsCredentials;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS only, a new self-signed certificate at every start, PEM files when configured. */
class TlsTest {
    @TempDir
    Path dir;

    @Test
    void eachStartServesANewSelfSignedCertificateWhoseFingerprintIsLogged() throws Exception {
        String first;
        X509Certificate firstCertificate;
        try (TestGateway gateway = TestGateway.start(dir)) {
            first = gateway.server.certificateFingerprint();
            firstCertificate = gateway.server.certificate();
            assertThat(servedFingerprint(gateway.server.port())).isEqualTo(first);
            assertThat(gateway.get("/health").status()).isEqualTo(200);
            assertThat(gateway.server.url()).isEqualTo("https://127.0.0.1:" + gateway.server.port());
        }

        try (TestGateway restarted = TestGateway.start(dir)) {
            assertThat(restarted.server.certificateFingerprint()).isNotEqualTo(first);
            assertThat(servedFingerprint(restarted.server.port())).isEqualTo(restarted.server.certificateFingerprint());
            // a client that pinned the old certificate no longer trusts the gateway
            HttpClient pinnedToOld = TestGateway.trusting(firstCertificate);
            assertThatThrownBy(() -> pinnedToOld.send(HttpRequest.newBuilder(restarted.uri("/health")).build(),
                    HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
        }
    }

    @Test
    void thereIsNoPlainHttp() throws Exception {
        try (TestGateway gateway = TestGateway.start(dir)) {
            HttpClient plain = HttpClient.newHttpClient();
            URI http = URI.create("http://127.0.0.1:" + gateway.server.port() + "/health");

            assertThatThrownBy(() -> plain.send(HttpRequest.newBuilder(http).build(), HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    void pemFilesFromConfigurationReplaceTheSelfSignedCertificate() throws Exception {
        Path cert = Path.of(TlsTest.class.getResource("/tls/cert.pem").toURI());
        Path key = Path.of(TlsTest.class.getResource("/tls/key-pkcs8.pem").toURI());
        String opensslFingerprint = "18:81:8B:64:60:ED:1B:A2:60:37:94:49:C8:01:D1:E7:67:12:85:29:84:B2:15:A9:76:35:21:D1:7B:2C:5F:D7";

        try (TestGateway gateway = TestGateway.start(dir, Map.of("gateway.tls.certFile", cert.toString(),
                "gateway.tls.keyFile", key.toString()))) {
            assertThat(gateway.server.certificateFingerprint()).isEqualTo(opensslFingerprint);
            assertThat(servedFingerprint(gateway.server.port())).isEqualTo(opensslFingerprint);
        }
    }

    /** The fingerprint of the certificate the server presents, read from a raw TLS handshake. */
    static String servedFingerprint(int port) throws Exception {
        SSLContext trustAll = SSLContext.getInstance("TLS");
        trustAll.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        try (SSLSocket socket = (SSLSocket) trustAll.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.startHandshake();
            return TlsCredentials.fingerprint((X509Certificate) socket.getSession().getPeerCertificates()[0]);
        }
    }
}
