package io.livepeerpool.platform.tls;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;

/**
 * The server's key and certificate chain in an in-memory PKCS#12 key store, ready for Jetty, plus the leaf
 * certificate's SHA-256 fingerprint (uppercase hex pairs joined by colons, as
 * {@code openssl x509 -noout -fingerprint -sha256} prints it).
 *
 * @param origin where the credentials come from, for the start log ("self-signed" or the PEM file names)
 */
public record TlsCredentials(KeyStore keyStore, char[] keyStorePassword, X509Certificate certificate,
                             String fingerprint, String origin) {
    public static final String ALIAS = "server";

    /** A per-process random password: the store never leaves memory, the password only satisfies the API. */
    public static TlsCredentials of(PrivateKey key, List<X509Certificate> chain, String origin) {
        try {
            char[] password = java.util.UUID.randomUUID().toString().toCharArray();
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(ALIAS, key, password, chain.toArray(new Certificate[0]));
            return new TlsCredentials(store, password, chain.get(0), fingerprint(chain.get(0)), origin);
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot build the in-memory key store: " + e.getMessage(), e);
        }
    }

    public static String fingerprint(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (CertificateEncodingException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot fingerprint the certificate", e);
        }
    }

    /** Where TLS credentials come from at each start. */
    @FunctionalInterface
    public interface Source {
        TlsCredentials credentials();
    }
}
