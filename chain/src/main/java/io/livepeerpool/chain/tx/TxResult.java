package io.livepeerpool.chain.tx;

import io.livepeerpool.protocol.address.Address;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * A mined transaction: hash, block, status, gas and logs, plus the revert reason of a failed one (found by replaying
 * it as a call on the state before its block, so exact when the block holds only this transaction, as with automine).
 */
public record TxResult(
        String txHash,
        BigInteger blockNumber,
        boolean success,
        BigInteger gasUsed,
        BigInteger effectiveGasPrice,
        Optional<Address> contractAddress,
        List<Log> logs,
        Optional<String> revertReason) {

    public TxResult {
        logs = List.copyOf(logs);
    }

    /** A receipt read elsewhere (e.g. of a transaction signed and sent by another component), without a reason. */
    public static TxResult fromReceipt(TransactionReceipt receipt) {
        return of(receipt, Optional.empty());
    }

    static TxResult of(TransactionReceipt receipt, Optional<String> revertReason) {
        return new TxResult(
                receipt.getTransactionHash(),
                receipt.getBlockNumber(),
                receipt.isStatusOK(),
                receipt.getGasUsed(),
                receipt.getEffectiveGasPrice() == null ? BigInteger.ZERO : Numeric.decodeQuantity(receipt.getEffectiveGasPrice()),
                Optional.ofNullable(receipt.getContractAddress()).map(Address::parse),
                receipt.getLogs() == null ? List.of() : receipt.getLogs(),
                revertReason);
    }

    /** This result with the reason found for its revert (see {@link ChainReader#revertReasonOfMined}). */
    public TxResult withRevertReason(Optional<String> reason) {
        return new TxResult(txHash, blockNumber, success, gasUsed, effectiveGasPrice, contractAddress, logs, reason);
    }

    /** Gas cost in wei (gasUsed * effectiveGasPrice). */
    public BigInteger gasCost() {
        return gasUsed.multiply(effectiveGasPrice);
    }

    /** Logs emitted by {@code contract} with topic0 {@code topic}. */
    public List<Log> logs(Address contract, String topic) {
        return logs.stream()
                .filter(l -> l.getAddress() != null && l.getAddress().equalsIgnoreCase(contract.hex()))
                .filter(l -> !l.getTopics().isEmpty() && l.getTopics().get(0).equalsIgnoreCase(topic))
                .toList();
    }

    /** Throws {@link ChainCallException} (with the revert reason) unless the transaction succeeded. */
    public TxResult requireSuccess(String what) {
        if (!success) {
            throw new ChainCallException(what + " reverted in tx " + txHash, revertReason);
        }
        return this;
    }
}
