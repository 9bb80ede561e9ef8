package io.livepeerpool.payout.keystore;

import io.livepeerpool.platform.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.WalletUtils;
import org.web3j.crypto.exception.CipherException;

/**
 * Opens Ethereum JSON keystores (web3 secret storage, as written by geth, web3j, MetaMask exports or
 * {@code cast wallet new}) with a password read from a file. Failures name the setting, never the password.
 */
public final class Keystores {
    private Keystores() {
    }

    /**
     * @param keystoreSetting     how the operator named the keystore (a config key or a command-line option)
     * @param passwordSetting     how the operator named the password file
     */
    public static Credentials open(Path keystore, Path passwordFile, String keystoreSetting, String passwordSetting) {
        String password;
        try {
            password = Files.readString(passwordFile).strip();
        } catch (IOException e) {
            throw new ConfigException(List.of(passwordSetting + ": cannot be read (" + e.getClass().getSimpleName() + ")"));
        }
        try {
            return WalletUtils.loadCredentials(password, keystore.toFile());
        } catch (IOException | CipherException e) {
            throw new ConfigException(List.of(keystoreSetting + ": cannot be opened with " + passwordSetting
                    + " (" + e.getClass().getSimpleName() + ")"));
        }
    }
}
