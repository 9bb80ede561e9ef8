package io.livepeerpool.redeemer.chain;

import io.livepeerpool.chain.contracts.TicketBrokerClient;
import io.livepeerpool.chain.ticket.SignedTicket;
import io.livepeerpool.chain.tx.ChainReader;
import io.livepeerpool.chain.tx.TxResult;
import io.livepeerpool.chain.wallet.BroadcastResult;
import io.livepeerpool.chain.wallet.Fees;
import io.livepeerpool.chain.wallet.RpcFailure;
import io.livepeerpool.chain.wallet.WalletNode;
import io.livepeerpool.protocol.address.Address;
import io.livepeerpool.protocol.ticket.Bytes32;
import java.math.BigInteger;
import java.util.Optional;
import org.web3j.protocol.Web3j;

/**
 * Every JSON-RPC call the redeemer makes: the TicketBroker's, and the wallet's through chain's {@link WalletNode}
 * (shared with the payout worker). An I/O failure or a node error that is not a revert becomes {@link RpcFailure},
 * which the worker counts and answers with a reconciliation on a later loop.
 */
public final class RedemptionChain {
    private final WalletNode node;
    private final TicketBrokerClient broker;

    public RedemptionChain(Web3j web3j, Address ticketBroker) {
        this.node = new WalletNode(web3j);
        this.broker = new TicketBrokerClient(node.reader(), ticketBroker);
    }

    public ChainReader reader() {
        return node.reader();
    }

    public Address broker() {
        return broker.address();
    }

    public BigInteger ticketValidityPeriod() {
        return WalletNode.rpc("ticketValidityPeriod", broker::ticketValidityPeriod);
    }

    /** The revert reason of redeeming {@code t} now from {@code wallet}, or empty when it would succeed. */
    public Optional<String> redeemRevertReason(Address wallet, SignedTicket t) {
        return WalletNode.rpc("eth_call redeemWinningTicket", () -> broker.redeemRevertReason(wallet, t));
    }

    public BigInteger estimateGas(Address wallet, String calldata) {
        return node.estimateGas(wallet, broker.address(), calldata, BigInteger.ZERO);
    }

    public boolean isUsed(String ticketHash) {
        return WalletNode.rpc("usedTickets", () -> broker.isUsed(Bytes32.parse(ticketHash)));
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

    /** The gas price a transaction sent now would pay (for the face value check). */
    public BigInteger gasPrice() {
        return node.gasPrice();
    }

    public BroadcastResult broadcast(String rawTx) {
        return node.broadcast(rawTx);
    }

    /** The receipt of {@code txHash}, when it is mined; a failed transaction gets its replayed revert reason. */
    public Optional<TxResult> receipt(String txHash, Address wallet, String calldata) {
        Optional<TxResult> receipt = node.receipt(txHash);
        if (receipt.isEmpty() || receipt.get().success()) {
            return receipt;
        }
        TxResult tx = receipt.get();
        Optional<String> reason = WalletNode.rpc("replay of a reverted redemption",
                () -> node.reader().revertReasonOfMined(wallet, broker.address(), calldata, BigInteger.ZERO, tx.blockNumber()));
        return Optional.of(tx.withRevertReason(reason));
    }
}
