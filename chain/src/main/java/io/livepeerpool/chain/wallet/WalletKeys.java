package io.livepeerpool.chain.wallet;

import io.livepeerpool.platform.config.Config;
import io.livepeerpool.platform.config.ConfigException;
import io.livepeerpool.platform.config.ConfigKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.WalletUtils;
import org.web3j.crypto.exception.CipherException;

/**
 * A worker's signing key from its configuration: a hex key (a secret key, usually {@code <key>.file}), else a web3
 * keystore file opened with the password in a file. Problems name the keys, never the secret.
 */
public final class WalletKeys {
    private WalletKeys() {
    }

    public static Credentials credentials(Config c, ConfigKey<String> hexKey, ConfigKey<String> keystoreFile,
                                          ConfigKey<String> passwordFile) {
        String key = c.get(hexKey).trim();
        if (!key.isEmpty()) {
            if (!key.matches("(0x)?[0-9a-fA-F]{64}")) {
                throw new ConfigException(List.of(hexKey.name() + ": must be 32 bytes of hex"));
            }
            return Credentials.create(key);
        }
        String keystore = c.get(keystoreFile).trim();
        String password = c.get(passwordFile).trim();
        if (keystore.isEmpty() || password.isEmpty()) {
            throw new ConfigException(List.of(hexKey.name() + ": required (or " + keystoreFile.name() + " and "
                    + passwordFile.name() + ")"));
        }
        try {
            return WalletUtils.loadCredentials(Files.readString(Path.of(password)).strip(), Path.of(keystore).toFile());
        } catch (IOException | CipherException e) {
            throw new ConfigException(List.of(keystoreFile.name() + ": cannot be opened with " + passwordFile.name()
                    + " (" + e.getClass().getSimpleName() + ")"));
        }
    }
}
