package io.livepeerpool.redeemer.chain;

import io.livepeerpool.chain.contracts.TicketBrokerClient;
import io.livepeerpool.chain.ticket.SignedTicket;
import io.livepeerpool.chain.tx.ChainCallException;
import io.livepeerpool.chain.tx.ChainReader;
import io.livepeerpool.chain.tx.TxResult;
import io.livepeerpool.protocol.address.Address;
import io.livepeerpool.protocol.ticket.Bytes32;
import io.livepeerpool.redeemer.wallet.Fees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.ClientConnectionException;

/**
 * Every JSON-RPC call the redeemer makes. An I/O failure or a node error that is not a revert becomes
 * {@link RpcFailure}, which the worker counts and answers with a reconciliation on a later loop.
 */
public final class RedemptionChain {
    private final Web3j web3j;
    private final ChainReader reader;
    private final TicketBrokerClient broker;

    public RedemptionChain(Web3j web3j, Address ticketBroker) {
        this.web3j = web3j;
        this.reader = new ChainReader(web3j);
        this.broker = new TicketBrokerClient(reader, ticketBroker);
    }

    public ChainReader reader() {
        return reader;
    }

    public Address broker() {
        return broker.address();
    }

    public BigInteger ticketValidityPeriod() {
        return rpc("ticketValidityPeriod", broker::ticketValidityPeriod);
    }

    /** The revert reason of redeeming {@code t} now from {@code wallet}, or empty when it would succeed. */
    public Optional<String> redeemRevertReason(Address wallet, SignedTicket t) {
        return rpc("eth_call redeemWinningTicket", () -> broker.redeemRevertReason(wallet, t));
    }

    public BigInteger estimateGas(Address wallet, String calldata) {
        return rpc("eth_estimateGas", () -> reader.estimateGas(wallet, broker.address(), calldata, BigInteger.ZERO));
    }

    public boolean isUsed(String ticketHash) {
        return rpc("usedTickets", () -> broker.isUsed(Bytes32.parse(ticketHash)));
    }

    public long blockNumber() {
        return rpc("eth_blockNumber", reader::blockNumber).longValueExact();
    }

    public BigInteger balance(Address wallet) {
        return rpc("eth_getBalance", () -> reader.balance(wallet));
    }

    /** The nonce the next transaction must use given what is mined ({@code latest}) or also pending. */
    public long nonce(Address wallet, boolean pending) {
        return rpc("eth_getTransactionCount", () -> send(web3j.ethGetTransactionCount(wallet.hex(),
                pending ? DefaultBlockParameterName.PENDING : DefaultBlockParameterName.LATEST)).getTransactionCount())
                .longValueExact();
    }

    /**
     * Fees for a new transaction: tip from the node, max fee = 2 x base fee + tip, and never below the node's
     * eth_gasPrice (a max fee under the price the node suggests risks a transaction that never mines).
     */
    public Fees currentFees() {
        return rpc("fees", () -> {
            EthBlock.Block latest = send(web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false)).getBlock();
            BigInteger base = latest.getBaseFeePerGas() == null ? BigInteger.ZERO : latest.getBaseFeePerGas();
            BigInteger tip = send(web3j.ethMaxPriorityFeePerGas()).getMaxPriorityFeePerGas();
            BigInteger price = send(web3j.ethGasPrice()).getGasPrice();
            return new Fees(base.shiftLeft(1).add(tip).max(price), tip);
        });
    }

    /** The gas price a transaction sent now would pay (for the face value check). */
    public BigInteger gasPrice() {
        return rpc("eth_gasPrice", () -> send(web3j.ethGasPrice()).getGasPrice());
    }

    public BroadcastResult broadcast(String rawTx) {
        EthSendTransaction sent = once("eth_sendRawTransaction", () -> {
            try {
                return web3j.ethSendRawTransaction(rawTx).send();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        if (!sent.hasError()) {
            return new BroadcastResult.Accepted();
        }
        String message = sent.getError().getMessage() == null ? "" : sent.getError().getMessage();
        String lower = message.toLowerCase(Locale.ROOT);
        if (lower.contains("already known") || lower.contains("known transaction") || lower.contains("already imported")) {
            return new BroadcastResult.Accepted();
        }
        if (lower.contains("nonce too low") || lower.contains("nonce has already been used")) {
            return new BroadcastResult.NonceUsed(message);
        }
        return new BroadcastResult.Refused(message);
    }

    /** The receipt of {@code txHash}, when it is mined; a failed transaction gets its replayed revert reason. */
    public Optional<TxResult> receipt(String txHash, Address wallet, String calldata) {
        Optional<TransactionReceipt> receipt = rpc("eth_getTransactionReceipt",
                () -> send(web3j.ethGetTransactionReceipt(txHash)).getTransactionReceipt());
        if (receipt.isEmpty()) {
            return Optional.empty();
        }
        TxResult tx = TxResult.fromReceipt(receipt.get());
        if (tx.success()) {
            return Optional.of(tx);
        }
        Optional<String> reason = rpc("replay of a reverted redemption",
                () -> reader.revertReasonOfMined(wallet, broker.address(), calldata, BigInteger.ZERO, tx.blockNumber()));
        return Optional.of(tx.withRevertReason(reason));
    }

    private static <T extends Response<?>> T send(org.web3j.protocol.core.Request<?, T> request) {
        try {
            T response = request.send();
            if (response.hasError()) {
                throw new RpcFailure(request.getMethod() + ": " + response.getError().getMessage());
            }
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs a read (every call here but the broadcast, which {@link #broadcast} makes once): a transport failure is
     * retried once at once, since a read is idempotent and a lone dropped request is the common case; a second
     * failure is the caller's {@link RpcFailure}.
     */
    private static <T> T rpc(String what, Supplier<T> call) {
        try {
            return once(what, call);
        } catch (RpcFailure first) {
            return once(what, call);
        }
    }

    private static <T> T once(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (UncheckedIOException e) {
            throw new RpcFailure(what + " failed: " + e.getCause(), e);
        } catch (ClientConnectionException e) {
            // web3j's HttpService reports an HTTP error status (e.g. a proxy's 500) as this unchecked exception
            throw new RpcFailure(what + " failed: " + e.getMessage(), e);
        } catch (ChainCallException e) {
            if (e.revertReason().isPresent()) {
                throw e;
            }
            throw new RpcFailure(what + " failed: " + e.getMessage(), e);
        }
    }
}
