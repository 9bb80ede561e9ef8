package io.livepeerpool.redeemer.grpc;

import static io.livepeerpool.redeemer.grpc.ProtoTicketsFixture.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.livepeerpool.platform.config.ConfigException;
import io.livepeerpool.platform.tls.SelfSignedCertificate;
import io.livepeerpool.platform.tls.TlsCredentials;
import io.livepeerpool.protocol.address.Address;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator's PEM files instead of the per-start certificate; no broker needed (a refused ticket never reaches it). */
class GrpcTlsTest {

    @Test
    void pemFilesServeTls(@TempDir Path dir) throws Exception {
        TlsCredentials made = SelfSignedCertificate.generate("redeemer.example.org", Instant.now());
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        Files.writeString(cert, pem(made.certificate()));
        Files.writeString(key, pem(new JcaPKCS8Generator((PrivateKey) made.keyStore().getKey(TlsCredentials.ALIAS,
                made.keyStorePassword()), null)));

        GrpcTls tls = GrpcTls.pem(cert, key);
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0), tls.credentials())
                .addService(new TicketRedeemerEndpoint(Set.of(Address.parse(VECTOR_RECIPIENT)), null, null)).build().start();
        try (OrchestratorClient client = new OrchestratorClient("127.0.0.1:" + server.getPort())) {
            assertThatThrownBy(() -> client.blocking().queueTicket(vector().toBuilder().setRecipientRand(big(BigInteger.TWO)).build()))
                    .isInstanceOfSatisfying(StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
        } finally {
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        assertThat(tls.origin()).contains("cert.pem");
    }

    @Test
    void unreadablePemFilesStopTheStartNamingTheKeys(@TempDir Path dir) throws Exception {
        Path junk = dir.resolve("junk.pem");
        Files.writeString(junk, "not pem\n");

        assertThatThrownBy(() -> GrpcTls.pem(junk, junk)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("redeemer.grpc.tls.certFile").hasMessageContaining("redeemer.grpc.tls.keyFile");
    }

    private static String pem(Object object) throws Exception {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        }
        return out.toString();
    }
}
