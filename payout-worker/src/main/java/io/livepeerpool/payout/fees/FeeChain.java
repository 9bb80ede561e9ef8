package io.livepeerpool.payout.fees;

import io.livepeerpool.chain.abi.Abi;
import io.livepeerpool.chain.contracts.BondingManagerClient;
import io.livepeerpool.chain.payouts.PoolPayoutsClient;
import io.livepeerpool.chain.tx.ChainReader;
import io.livepeerpool.chain.tx.TxResult;
import io.livepeerpool.protocol.address.Address;
import io.livepeerpool.protocol.ticket.Bytes32;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.Optional;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Every JSON-RPC call of the fee withdrawer. Transport failures surface as {@link UncheckedIOException} and node errors
 * as {@link FeeChainException}; the withdrawer answers both by looking again (reconciling first) on its next turn.
 */
public final class FeeChain {
    private final Web3j web3j;
    private final ChainReader reader;
    private final BondingManagerClient bondingManager;
    private final Optional<PoolPayoutsClient> poolPayouts;

    public FeeChain(Web3j web3j, Address bondingManager, Optional<Address> poolPayouts) {
        this.web3j = web3j;
        this.reader = new ChainReader(web3j);
        this.bondingManager = new BondingManagerClient(reader, bondingManager);
        this.poolPayouts = poolPayouts.map(a -> new PoolPayoutsClient(reader, a));
    }

    public Address bondingManager() {
        return bondingManager.address();
    }

    /** Call data of {@code withdrawFees(recipient, amount)}. */
    public static String withdrawFeesCall(Address recipient, BigInteger amount) {
        return Abi.call(BondingManagerClient.WITHDRAW_FEES,
                new org.web3j.abi.datatypes.Address(recipient.hex()), new Uint256(amount));
    }

    public BigInteger pendingFees(Address orchestrator) {
        return bondingManager.pendingFees(orchestrator, BigInteger.ZERO);
    }

    public BigInteger balance(Address account) {
        return reader.balance(account);
    }

    public long blockNumber() {
        return reader.blockNumber().longValueExact();
    }

    /** Gas the call needs now; throws {@link io.livepeerpool.chain.tx.ChainCallException} with the reason if it would revert. */
    public BigInteger estimateGas(Address from, String data) {
        return reader.estimateGas(from, bondingManager.address(), data, BigInteger.ZERO);
    }

    public BigInteger gasPrice() {
        return send(web3j.ethGasPrice()).getGasPrice();
    }

    public long nonce(Address account, boolean pending) {
        return send(web3j.ethGetTransactionCount(account.hex(),
                pending ? DefaultBlockParameterName.PENDING : DefaultBlockParameterName.LATEST)).getTransactionCount()
                .longValueExact();
    }

    /**
     * Broadcasts signed bytes. "Already known" and "nonce too low" are not errors here: the first means the node has
     * it, the second that the nonce is mined (ours or another transaction), which the reconciliation tells apart.
     */
    public Optional<String> broadcast(String rawTx) {
        EthSendTransaction sent;
        try {
            sent = web3j.ethSendRawTransaction(rawTx).send();
        } catch (IOException e) {
            throw new UncheckedIOException("eth_sendRawTransaction failed", e);
        }
        if (!sent.hasError()) {
            return Optional.empty();
        }
        String message = sent.getError().getMessage() == null ? "" : sent.getError().getMessage();
        String lower = message.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("already known") || lower.contains("known transaction") || lower.contains("already imported")
                || lower.contains("nonce too low") || lower.contains("nonce has already been used")) {
            return Optional.empty();
        }
        return Optional.of(message);
    }

    /** The receipt of {@code txHash} once mined; a failed one carries the reason replayed on the block before. */
    public Optional<TxResult> receipt(String txHash, Address from, String data) {
        Optional<TransactionReceipt> receipt = send(web3j.ethGetTransactionReceipt(txHash)).getTransactionReceipt();
        if (receipt.isEmpty()) {
            return Optional.empty();
        }
        TxResult tx = TxResult.fromReceipt(receipt.get());
        if (tx.success()) {
            return Optional.of(tx);
        }
        return Optional.of(tx.withRevertReason(
                reader.revertReasonOfMined(from, bondingManager.address(), data, BigInteger.ZERO, tx.blockNumber())));
    }

    /** True when PoolPayouts already paid or refused this payout (so it is no longer due); false without the contract. */
    public boolean settledOnChain(String payoutId) {
        if (poolPayouts.isEmpty()) {
            return false;
        }
        Bytes32 id = PoolPayoutsClient.onChainId(payoutId);
        return poolPayouts.get().paid(id) || poolPayouts.get().refused(id);
    }

    private static <T extends Response<?>> T send(Request<?, T> request) {
        try {
            T response = request.send();
            if (response.hasError()) {
                throw new FeeChainException(request.getMethod() + ": " + response.getError().getMessage());
            }
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(request.getMethod() + " failed", e);
        }
    }

    /** The node answered with an error. */
    public static final class FeeChainException extends RuntimeException {
        FeeChainException(String message) {
            super(message);
        }
    }
}
