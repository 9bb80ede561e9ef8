package io.livepeerpool.redeemer.grpc;

import io.grpc.ServerCredentials;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.livepeerpool.platform.config.ConfigException;
import io.livepeerpool.platform.tls.SelfSignedCertificate;
import io.livepeerpool.platform.tls.TlsCredentials;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;

/**
 * The server's TLS: a self-signed certificate made at every start, as go-livepeer's redeemer does (its client does not
 * verify it), or the operator's PEM files.
 *
 * @param certificate the self-signed certificate, for the start log and dev tools; empty with PEM files
 */
record GrpcTls(ServerCredentials credentials, Optional<X509Certificate> certificate, String origin) {

    static GrpcTls selfSigned(String dnsName) {
        TlsCredentials tls = SelfSignedCertificate.generate(dnsName, Instant.now());
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(tls.keyStore(), tls.keyStorePassword());
            return new GrpcTls(TlsServerCredentials.newBuilder().keyManager(keys.getKeyManagers()).build(),
                    Optional.of(tls.certificate()), tls.origin() + ", SHA-256 " + tls.fingerprint());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot use the self-signed certificate: " + e.getMessage(), e);
        }
    }

    /** Reads both files at once, so a bad file stops the start naming its keys rather than failing the first handshake. */
    static GrpcTls pem(Path certFile, Path keyFile) {
        try {
            GrpcSslContexts.forServer(certFile.toFile(), keyFile.toFile()).build();
            return new GrpcTls(TlsServerCredentials.create(certFile.toFile(), keyFile.toFile()), Optional.empty(),
                    "PEM " + certFile);
        } catch (IOException | RuntimeException e) {
            // never echo the key file's content: a parse error may quote it
            throw new ConfigException(List.of("redeemer.grpc.tls.certFile " + certFile + " / redeemer.grpc.tls.keyFile "
                    + keyFile + ": cannot be read as a PEM certificate chain and PKCS#8 private key"));
        }
    }
}
