package io.livepeerpool.payout.gas;

import static org.assertj.core.api.Assertions.assertThat;

import io.livepeerpool.chain.abi.Abi;
import io.livepeerpool.chain.contracts.ContractArtifact;
import io.livepeerpool.chain.dev.DevNetwork;
import io.livepeerpool.chain.payouts.PayoutLine;
import io.livepeerpool.chain.payouts.PayoutLog;
import io.livepeerpool.chain.payouts.PoolPayoutsClient;
import io.livepeerpool.chain.tx.Transactor;
import io.livepeerpool.payout.TestDevChain;
import io.livepeerpool.protocol.address.Address;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gas per payee of PoolPayouts.pay in batches of 1, 10 and 100, for payees that already hold ETH and for fresh ones,
 * against plain transfers, on the dev chain; the same for PoolPayoutsBitmap (the proposal: one bit per id) with
 * consecutive ids. The figures are recorded (logged and written to
 * {@code target/payout-gas.md}) and asserted only for correctness: every payment checked by {@link PayoutGasMeter},
 * a plain transfer costing exactly 21,000. Performance is the README's business, not a test's.
 */
class PayoutGasTest {
    private static final Logger log = LoggerFactory.getLogger(PayoutGasTest.class);
    private static final BigInteger AMOUNT = BigInteger.TEN.pow(16);
    private static final int[] SIZES = {1, 10, 100};
    private static final String BITMAP = "PoolPayoutsBitmap";

    @Test
    void gasPerPayeeBatchedAndByTransfer() throws IOException {
        DevNetwork net = TestDevChain.deploy();
        Transactor payer = net.chain().transactor(net.accounts().payout());
        PayoutGasMeter meter = new PayoutGasMeter(net.reader(), net.poolPayouts(), payer);

        // the proposal: same ABI and guarantees, one bit per id, with consecutive (structured) ids
        Address bitmapAddress = payer.deploy(Abi.deployData(ContractArtifact.load(BITMAP).bytecode(),
                new org.web3j.abi.datatypes.Address(payer.address().hex())), BigInteger.valueOf(2_000_000), BITMAP);
        PayoutGasMeter bitmap = new PayoutGasMeter(net.reader(), new PoolPayoutsClient(net.reader(), bitmapAddress), payer);

        Map<String, GasFigure> figures = new LinkedHashMap<>();
        long round = 1;
        for (boolean fresh : new boolean[] {false, true}) {
            for (int n : SIZES) {
                List<Address> payees = fresh ? PayoutGasMeter.freshPayees(n) : PayoutGasMeter.holdingPayees(net.deployer(), n);
                figures.put(key("pay", n, fresh), meter.pay(payees, AMOUNT, fresh));
                List<Address> others = fresh ? PayoutGasMeter.freshPayees(n) : PayoutGasMeter.holdingPayees(net.deployer(), n);
                figures.put(key("bitmap", n, fresh), bitmap.pay(others, PayoutGasMeter.consecutiveIds(round++, n), AMOUNT, fresh));
            }
            Address one = fresh ? PayoutGasMeter.freshPayees(1).get(0) : PayoutGasMeter.holdingPayees(net.deployer(), 1).get(0);
            figures.put(key("transfer", 1, fresh), meter.transfer(one, AMOUNT, fresh));
        }

        assertThat(figures.get(key("transfer", 1, false)).gasUsed()).isEqualTo(BigInteger.valueOf(21_000));
        assertThat(figures.get(key("transfer", 1, true)).gasUsed()).isEqualTo(BigInteger.valueOf(21_000));
        // the bitmap keeps "at most once, ever": a second pay of the same ids pays nothing and refunds all
        List<Address> again = PayoutGasMeter.holdingPayees(net.deployer(), 3);
        List<io.livepeerpool.protocol.ticket.Bytes32> ids = PayoutGasMeter.consecutiveIds(round, 3);
        bitmap.pay(again, ids, AMOUNT, false);
        BigInteger before = net.reader().balance(again.get(0));
        var lines = List.of(new PayoutLine(ids.get(0), again.get(0), AMOUNT));
        var replay = new PoolPayoutsClient(net.reader(), bitmapAddress).pay(payer, lines, BigInteger.valueOf(300_000))
                .requireSuccess("replayed pay");
        assertThat(new PoolPayoutsClient(net.reader(), bitmapAddress).logs(replay)).singleElement()
                .isInstanceOf(PayoutLog.Skipped.class);
        assertThat(net.reader().balance(again.get(0))).isEqualTo(before);

        String table = table(figures);
        log.info("PoolPayouts gas per payee:\n{}", table);
        Path out = Path.of("target", "payout-gas.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, table);
    }

    private static String table(Map<String, GasFigure> figures) {
        List<String> rows = new ArrayList<>();
        rows.add("| contract | payees | already hold ETH | tx gasUsed | gas per payee | marginal per payee | vs 21,000 transfer |");
        rows.add("|---|---|---|---|---|---|---|");
        for (boolean fresh : new boolean[] {false, true}) {
            for (String method : List.of("pay", "bitmap")) {
                GasFigure single = figures.get(key(method, 1, fresh));
                for (int n : SIZES) {
                    GasFigure f = figures.get(key(method, n, fresh));
                    String marginal = n == 1 ? "" : String.format(Locale.ROOT, "%,d", f.marginalOver(single));
                    rows.add(String.format(Locale.ROOT, "| %s | %d | %s | %,d | %,d | %s | %.2f |",
                            method.equals("pay") ? "PoolPayouts" : "PoolPayoutsBitmap (proposal)", n, fresh ? "no" : "yes",
                            f.gasUsed(), f.perPayee(), marginal, f.perPayee() / 21_000.0));
                }
            }
            GasFigure t = figures.get(key("transfer", 1, fresh));
            rows.add(String.format(Locale.ROOT, "| plain transfer | 1 | %s | %,d | %,d | | 1.00 |", fresh ? "no" : "yes",
                    t.gasUsed(), t.perPayee()));
        }
        return String.join("\n", rows) + "\n";
    }

    private static String key(String method, int n, boolean fresh) {
        return method + "/" + n + "/" + (fresh ? "fresh" : "holding");
    }
}
