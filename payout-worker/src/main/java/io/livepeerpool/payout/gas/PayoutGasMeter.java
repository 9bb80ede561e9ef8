package io.livepeerpool.payout.gas;

import io.livepeerpool.chain.payouts.PayoutLine;
import io.livepeerpool.chain.payouts.PayoutLog;
import io.livepeerpool.chain.payouts.PoolPayoutsClient;
import io.livepeerpool.chain.tx.ChainReader;
import io.livepeerpool.chain.tx.Transactor;
import io.livepeerpool.chain.tx.TxResult;
import io.livepeerpool.protocol.address.Address;
import io.livepeerpool.protocol.ticket.Bytes32;
import io.livepeerpool.protocol.ticket.Uint256;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;

/**
 * Measures the gas of paying payees through PoolPayouts ({@code pay} batches) and with plain transfers, on whatever
 * chain the clients point at. Every measured payment is checked: each payee's balance rises by exactly its amount, the
 * contract records each id as paid and logs one PayoutPaid per payee; a failed check throws, since a gas figure of a
 * wrong payment means nothing.
 */
public final class PayoutGasMeter {
    /** Headroom over eth_estimateGas: PoolPayouts needs GAS_PER_CALL_MIN left before each payee. */
    private static final int GAS_MARGIN_PCT = 20;

    private final ChainReader reader;
    private final PoolPayoutsClient contract;
    private final Transactor payer;

    public PayoutGasMeter(ChainReader reader, PoolPayoutsClient contract, Transactor payer) {
        this.reader = reader;
        this.contract = contract;
        this.payer = payer;
    }

    /** {@code n} addresses that never held ETH. */
    public static List<Address> freshPayees(int n) {
        List<Address> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            try {
                out.add(Address.parse(Credentials.create(Keys.createEcKeyPair()).getAddress()));
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException("cannot make a key", e);
            }
        }
        return out;
    }

    /** {@code n} fresh addresses given 1 wei each by {@code funder}, so that they already hold ETH. */
    public static List<Address> holdingPayees(Transactor funder, int n) {
        List<Address> out = freshPayees(n);
        for (Address a : out) {
            funder.transfer(a, BigInteger.ONE).requireSuccess("funding payee " + a);
        }
        return out;
    }

    /** One {@code pay} of {@code amount} to each of {@code payees}, with new keccak ids (as the worker's); checked, then its gas. */
    public GasFigure pay(List<Address> payees, BigInteger amount, boolean fresh) {
        List<Bytes32> ids = new ArrayList<>();
        payees.forEach(p -> ids.add(PoolPayoutsClient.onChainId("gas-" + UUID.randomUUID())));
        return pay(payees, ids, amount, fresh);
    }

    /**
     * {@code n} structured ids {@code (base << 32) | i}: consecutive, so that a bitmap contract marks a batch in one or
     * two words. {@code base} must be new for each batch (e.g. a round number).
     */
    public static List<Bytes32> consecutiveIds(long base, int n) {
        List<Bytes32> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(new Bytes32(Uint256.toBytes32(BigInteger.valueOf(base).shiftLeft(32).or(BigInteger.valueOf(i)))));
        }
        return ids;
    }

    /** One {@code pay} of {@code amount} to each of {@code payees} under {@code ids}; checked, then its gas. */
    public GasFigure pay(List<Address> payees, List<Bytes32> ids, BigInteger amount, boolean fresh) {
        List<PayoutLine> lines = new ArrayList<>();
        List<BigInteger> before = new ArrayList<>();
        for (int i = 0; i < payees.size(); i++) {
            lines.add(new PayoutLine(ids.get(i), payees.get(i), amount));
            before.add(reader.balance(payees.get(i)));
        }
        BigInteger gas = contract.estimatePayGas(payer.address(), lines)
                .multiply(BigInteger.valueOf(100 + GAS_MARGIN_PCT)).divide(BigInteger.valueOf(100));
        TxResult tx = contract.pay(payer, lines, gas).requireSuccess("pay to " + payees.size() + " payees");
        long paidLogs = contract.logs(tx).stream().filter(l -> l instanceof PayoutLog.Paid).count();
        if (paidLogs != payees.size()) {
            throw new IllegalStateException(paidLogs + " PayoutPaid logs for " + payees.size() + " payees in " + tx.txHash());
        }
        for (int i = 0; i < lines.size(); i++) {
            PayoutLine line = lines.get(i);
            checkBalance(line.payee(), before.get(i).add(amount));
            if (!contract.paid(line.id())) {
                throw new IllegalStateException("paid(" + line.id() + ") is false after " + tx.txHash());
            }
        }
        return new GasFigure("pay", payees.size(), fresh, tx.gasUsed());
    }

    /** One plain transfer of {@code amount} to {@code payee} from the payer; checked, then its gas. */
    public GasFigure transfer(Address payee, BigInteger amount, boolean fresh) {
        BigInteger before = reader.balance(payee);
        TxResult tx = payer.transfer(payee, amount).requireSuccess("transfer to " + payee);
        checkBalance(payee, before.add(amount));
        return new GasFigure("transfer", 1, fresh, tx.gasUsed());
    }

    private void checkBalance(Address payee, BigInteger expected) {
        BigInteger now = reader.balance(payee);
        if (!now.equals(expected)) {
            throw new IllegalStateException(payee + " holds " + now + " wei, expected " + expected);
        }
    }
}
