package io.livepeerpool.launcher.dev;

import static org.assertj.core.api.Assertions.assertThat;

import io.livepeerpool.chain.dev.DevAccount;
import io.livepeerpool.chain.dev.DevChain;
import io.livepeerpool.chain.payouts.PoolPayoutsClient;
import io.livepeerpool.protocol.address.Address;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.WalletUtils;
import org.web3j.protocol.core.DefaultBlockParameterName;
import picocli.CommandLine;

/** {@code pool payouts deploy} against the dev chain, as an operator runs it against Arbitrum One. */
class PayoutsDeployTest {
    private static DevChain chain;

    @TempDir
    Path dir;

    @BeforeAll
    static void startChain() {
        chain = DevChain.start();
    }

    @AfterAll
    static void stopChain() {
        chain.close();
    }

    @Test
    void deploysPoolPayoutsAndPrintsTheAddressAndTheTransaction() throws Exception {
        DevAccount deployer = chain.accounts().spare(3);
        Address payer = chain.accounts().payout().address();
        StringWriter out = new StringWriter();
        int exit = run(out, "payouts", "deploy", "--rpc-url-file", rpcUrlFile().toString(),
                "--keystore", keystore(deployer).toString(), "--password-file", dir.resolve("password.txt").toString(),
                "--payer", payer.checksummed(), "--chain-id", Long.toString(chain.chainId()));

        assertThat(exit).isZero();
        String printed = out.toString();
        Address contract = Address.parse(field(printed, "address"));
        String tx = field(printed, "tx");
        var receipt = chain.web3j().ethGetTransactionReceipt(tx).send().getTransactionReceipt().orElseThrow();
        assertThat(receipt.isStatusOK()).isTrue();
        assertThat(Address.parse(receipt.getContractAddress())).isEqualTo(contract);
        assertThat(Address.parse(receipt.getFrom())).isEqualTo(deployer.address());
        assertThat(new PoolPayoutsClient(chain.reader(), contract).payer()).isEqualTo(payer);
        assertThat(printed).contains("chain.poolPayouts=" + contract.hex())
                .contains("000000000000000000000000" + payer.hex().substring(2))
                .doesNotContain(chain.rpcUrl());
    }

    @Test
    void theWrongChainIdSignsNothing() throws Exception {
        DevAccount deployer = chain.accounts().spare(4);
        BigInteger nonce = nonce(deployer);
        StringWriter err = new StringWriter();
        CommandLine cli = PoolDev.commandLine();
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute("payouts", "deploy", "--rpc-url-file", rpcUrlFile().toString(),
                "--keystore", keystore(deployer).toString(), "--password-file", dir.resolve("password.txt").toString(),
                "--payer", chain.accounts().payout().address().hex(), "--chain-id", "42161");
        assertThat(exit).isEqualTo(3);
        assertThat(err.toString()).contains("chain id is " + chain.chainId()).doesNotContain("Exception");
        assertThat(nonce(deployer)).isEqualTo(nonce);
    }

    @Test
    void aBadPayerOrAWrongPasswordIsReportedWithoutAStackTrace() throws Exception {
        DevAccount deployer = chain.accounts().spare(4);
        Path keystore = keystore(deployer);
        StringWriter err = new StringWriter();
        CommandLine cli = PoolDev.commandLine();
        cli.setErr(new PrintWriter(err));
        assertThat(cli.execute("payouts", "deploy", "--rpc-url-file", rpcUrlFile().toString(), "--keystore",
                keystore.toString(), "--password-file", dir.resolve("password.txt").toString(), "--payer", "0x1234"))
                .isEqualTo(3);
        Files.writeString(dir.resolve("wrong.txt"), "not the password");
        assertThat(cli.execute("payouts", "deploy", "--rpc-url-file", rpcUrlFile().toString(), "--keystore",
                keystore.toString(), "--password-file", dir.resolve("wrong.txt").toString(), "--payer",
                chain.accounts().payout().address().hex())).isEqualTo(2);
        assertThat(err.toString()).contains("--payer").contains("--keystore: cannot be opened with --password-file")
                .doesNotContain("not the password").doesNotContain("\tat ");
    }

    private int run(StringWriter out, String... args) {
        CommandLine cli = PoolDev.commandLine();
        cli.setOut(new PrintWriter(out));
        return cli.execute(args);
    }

    private Path rpcUrlFile() throws Exception {
        return Files.writeString(dir.resolve("rpc-url"), chain.rpcUrl() + "\n");
    }

    private Path keystore(DevAccount account) throws Exception {
        Files.writeString(dir.resolve("password.txt"), "deployer password\n");
        String name = WalletUtils.generateWalletFile("deployer password", account.credentials().getEcKeyPair(), dir.toFile(), false);
        return dir.resolve(name);
    }

    private BigInteger nonce(DevAccount account) throws Exception {
        return chain.web3j().ethGetTransactionCount(account.address().hex(), DefaultBlockParameterName.LATEST).send()
                .getTransactionCount();
    }

    private static String field(String printed, String name) {
        Matcher m = Pattern.compile("^\\s+" + name + "\\s+(0x[0-9a-fA-F]+)\\s*$", Pattern.MULTILINE).matcher(printed);
        assertThat(m.find()).as("%s in:%n%s", name, printed).isTrue();
        return m.group(1);
    }
}
