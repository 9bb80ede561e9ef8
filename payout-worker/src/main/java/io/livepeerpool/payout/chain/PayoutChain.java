package io.livepeerpool.payout.chain;

import io.livepeerpool.chain.payouts.PayoutLine;
import io.livepeerpool.chain.payouts.PayoutLog;
import io.livepeerpool.chain.payouts.PoolPayoutsClient;
import io.livepeerpool.chain.tx.TxResult;
import io.livepeerpool.chain.wallet.BroadcastResult;
import io.livepeerpool.chain.wallet.Fees;
import io.livepeerpool.chain.wallet.RpcFailure;
import io.livepeerpool.chain.wallet.WalletNode;
import io.livepeerpool.protocol.address.Address;
import io.livepeerpool.protocol.ticket.Bytes32;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Every JSON-RPC call the payout worker makes: the wallet's through chain's {@link WalletNode}, PoolPayouts' through
 * {@link PoolPayoutsClient}. An I/O failure or a node error that is not a revert becomes {@link RpcFailure}, which the
 * worker counts and answers with a reconciliation before it sends anything else.
 */
public final class PayoutChain {
    private final WalletNode node;
    private final PoolPayoutsClient payouts;

    public PayoutChain(Web3j web3j, Address poolPayouts) {
        this.node = new WalletNode(web3j);
        this.payouts = new PoolPayoutsClient(node.reader(), poolPayouts);
    }

    public Address contract() {
        return payouts.address();
    }

    public long blockNumber() {
        return node.blockNumber();
    }

    public BigInteger balance(Address wallet) {
        return node.balance(wallet);
    }

    public long nonce(Address wallet, boolean pending) {
        return node.nonce(wallet, pending);
    }

    public Fees currentFees() {
        return node.currentFees();
    }

    public BroadcastResult broadcast(String rawTx) {
        return node.broadcast(rawTx);
    }

    public Address payer() {
        return WalletNode.rpc("payer()", payouts::payer);
    }

    /** eth_estimateGas of paying {@code lines}; a revert is thrown as ChainCallException with its reason. */
    public BigInteger estimatePay(Address wallet, List<PayoutLine> lines) {
        return node.estimateGas(wallet, payouts.address(), PoolPayoutsClient.payCalldata(lines), PoolPayoutsClient.value(lines));
    }

    /** True when the contract has settled this id (paid or refused): no transaction may carry it again. */
    public boolean settled(Bytes32 id) {
        return WalletNode.rpc("paid(id)", () -> payouts.paid(id)) || WalletNode.rpc("refused(id)", () -> payouts.refused(id));
    }

    /** {@code paid(id)} at the end of {@code block}: the proof that a reverted transaction paid nothing. */
    public boolean paidAt(Bytes32 id, BigInteger block) {
        return WalletNode.rpc("paid(id) at a block", () -> payouts.paid(id, block));
    }

    /** The mined transaction {@code txHash}, if it is; a failed one carries its replayed revert reason. */
    public Optional<MinedPayout> mined(String txHash, Address wallet, String calldata, BigInteger value) {
        Optional<TransactionReceipt> raw = node.rawReceipt(txHash);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        TxResult tx = TxResult.fromReceipt(raw.get());
        if (tx.success()) {
            return Optional.of(new MinedPayout(tx, raw.get().getBlockHash()));
        }
        Optional<String> reason = WalletNode.rpc("replay of a reverted payout", () ->
                node.reader().revertReasonOfMined(wallet, payouts.address(), calldata, value, tx.blockNumber()));
        return Optional.of(new MinedPayout(tx.withRevertReason(reason), raw.get().getBlockHash()));
    }

    public List<PayoutLog> logs(TxResult tx) {
        return payouts.logs(tx);
    }
}
