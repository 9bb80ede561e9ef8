package io.livepeerpool.gateway.tls;

import io.livepeerpool.platform.tls.TlsCredentials;

import io.livepeerpool.platform.config.ConfigException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * Production TLS: a PEM certificate chain (leaf first, then intermediates) and its PEM private key (PKCS#8
 * {@code PRIVATE KEY}, or the traditional {@code EC PRIVATE KEY} / {@code RSA PRIVATE KEY}; not encrypted).
 * The key is checked to belong to the certificate at start.
 */
public final class PemCredentials {
    private PemCredentials() {
    }

    public static TlsCredentials load(Path certFile, Path keyFile) {
        List<X509Certificate> chain = readChain(certFile);
        PrivateKey key = readKey(keyFile);
        if (!belongTogether(key, chain.get(0))) {
            throw new ConfigException(List.of("gateway.tls.keyFile " + keyFile + ": the key does not belong to the certificate in " + certFile));
        }
        return TlsCredentials.of(key, chain, "PEM " + certFile);
    }

    private static List<X509Certificate> readChain(Path file) {
        List<X509Certificate> chain = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser pem = new PEMParser(reader)) {
            JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
            for (Object item = pem.readObject(); item != null; item = pem.readObject()) {
                if (item instanceof X509CertificateHolder holder) {
                    chain.add(converter.getCertificate(holder));
                }
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigException(List.of("gateway.tls.certFile " + file + ": cannot be read as PEM (" + e.getMessage() + ")"));
        }
        if (chain.isEmpty()) {
            throw new ConfigException(List.of("gateway.tls.certFile " + file + ": holds no CERTIFICATE block"));
        }
        return chain;
    }

    private static PrivateKey readKey(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser pem = new PEMParser(reader)) {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            for (Object item = pem.readObject(); item != null; item = pem.readObject()) {
                if (item instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
                if (item instanceof PEMKeyPair pair) {
                    // the public half is optional in an EC PRIVATE KEY block; the private half is all we need
                    return converter.getPrivateKey(pair.getPrivateKeyInfo());
                }
            }
        } catch (IOException e) {
            // Never echo the file's content: the message of a parse failure may quote it.
            throw new ConfigException(List.of("gateway.tls.keyFile " + file + ": cannot be read as a PEM private key"));
        }
        throw new ConfigException(List.of("gateway.tls.keyFile " + file
                + ": holds no unencrypted PRIVATE KEY, EC PRIVATE KEY or RSA PRIVATE KEY block"));
    }

    /** Signs a challenge with the key and verifies it with the certificate's public key. */
    private static boolean belongTogether(PrivateKey key, X509Certificate certificate) {
        String algorithm = switch (key.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> null;
        };
        if (algorithm == null) {
            return false;
        }
        try {
            byte[] challenge = "livepeer-pool key check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
