package io.livepeerpool.gateway.tls;

import io.livepeerpool.platform.tls.SelfSignedCertificate;
import io.livepeerpool.platform.tls.TlsCredentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livepeerpool.platform.config.ConfigException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelfSignedCertificateTest {

    @Test
    void theCertificateIsEcP256ForTheDnsNameLocalhostAnd127001() throws Exception {
        TlsCredentials tls = SelfSignedCertificate.generate("pool.example.org", Instant.now());

        assertThat(tls.certificate().getPublicKey()).isInstanceOf(ECPublicKey.class);
        assertThat(((ECPublicKey) tls.certificate().getPublicKey()).getParams().getCurve().getField().getFieldSize()).isEqualTo(256);
        assertThat(tls.certificate().getSigAlgName()).isEqualTo("SHA256withECDSA");
        List<String> sans = tls.certificate().getSubjectAlternativeNames().stream()
                .map(san -> san.get(0) + ":" + san.get(1)).toList();
        assertThat(sans).containsExactly("2:pool.example.org", "2:localhost", "7:127.0.0.1"); // 2 dNSName, 7 iPAddress
        tls.certificate().checkValidity();
        tls.certificate().verify(tls.certificate().getPublicKey());
    }

    @Test
    void theFingerprintIsTheSha256OfTheDerAsColonHex() throws Exception {
        TlsCredentials tls = SelfSignedCertificate.generate("localhost", Instant.now());
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(tls.certificate().getEncoded());

        assertThat(tls.fingerprint()).isEqualTo(HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest))
                .matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
    }

    @Test
    void everyGenerationIsANewKeyAndCertificate() {
        assertThat(SelfSignedCertificate.generate("localhost", Instant.now()).fingerprint())
                .isNotEqualTo(SelfSignedCertificate.generate("localhost", Instant.now()).fingerprint());
    }

    @Test
    void theKeyStoreHoldsTheKeyUnderTheJettyAlias() throws Exception {
        TlsCredentials tls = SelfSignedCertificate.generate("localhost", Instant.now());
        KeyStore store = tls.keyStore();

        assertThat(store.getKey(TlsCredentials.ALIAS, tls.keyStorePassword())).isInstanceOf(PrivateKey.class);
        assertThat(store.getCertificate(TlsCredentials.ALIAS)).isEqualTo(tls.certificate());
    }

    /** An openssl-made certificate (test material only), with its key as PKCS#8 and as a traditional EC key. */
    @Test
    void opensslPemFilesReplaceTheSelfSignedCertificate() throws Exception {
        Path cert = resource("cert.pem");
        String opensslFingerprint = "18:81:8B:64:60:ED:1B:A2:60:37:94:49:C8:01:D1:E7:67:12:85:29:84:B2:15:A9:76:35:21:D1:7B:2C:5F:D7";

        TlsCredentials pkcs8 = PemCredentials.load(cert, resource("key-pkcs8.pem"));
        TlsCredentials traditional = PemCredentials.load(cert, resource("key-ec.pem"));

        assertThat(pkcs8.fingerprint()).isEqualTo(opensslFingerprint);
        assertThat(traditional.fingerprint()).isEqualTo(opensslFingerprint);
        assertThat(pkcs8.origin()).contains("cert.pem");
    }

    @Test
    void aKeyThatDoesNotBelongToTheCertificateIsRefused(@TempDir Path dir) throws Exception {
        TlsCredentials other = SelfSignedCertificate.generate("b", Instant.now());
        Path key = dir.resolve("key.pem");
        Files.writeString(key, pem(new JcaPKCS8Generator((PrivateKey) other.keyStore().getKey(TlsCredentials.ALIAS, other.keyStorePassword()), null)));

        assertThatThrownBy(() -> PemCredentials.load(resource("cert.pem"), key)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("does not belong to the certificate");
    }

    @Test
    void filesWithoutPemBlocksAreRefusedClearly(@TempDir Path dir) throws Exception {
        Path empty = dir.resolve("empty.pem");
        Files.writeString(empty, "not pem\n");

        assertThatThrownBy(() -> PemCredentials.load(empty, empty)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("gateway.tls.certFile").hasMessageContaining("no CERTIFICATE");
        assertThat(List.of(empty)).isNotEmpty();
    }

    private static Path resource(String name) throws Exception {
        return Path.of(SelfSignedCertificateTest.class.getResource("/tls/" + name).toURI());
    }

    private static String pem(JcaPKCS8Generator generator) throws Exception {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(generator);
        }
        return out.toString();
    }
}
