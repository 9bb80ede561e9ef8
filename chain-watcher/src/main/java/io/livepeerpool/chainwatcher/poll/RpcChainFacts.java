package io.livepeerpool.chainwatcher.poll;

import io.livepeerpool.chain.abi.Abi;
import io.livepeerpool.chain.abi.Words;
import io.livepeerpool.chain.contracts.BondingManagerClient;
import io.livepeerpool.chainwatcher.chain.ChainRpc;
import io.livepeerpool.chainwatcher.chain.RpcException;
import io.livepeerpool.chainwatcher.decode.ChainFacts;
import io.livepeerpool.protocol.address.Address;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/** {@link ChainFacts} read over JSON-RPC for one batch (a transaction's gas cost is fetched once per batch). */
final class RpcChainFacts implements ChainFacts {
    private static final Logger log = LoggerFactory.getLogger(RpcChainFacts.class);
    private static final String POOL_SIZE_CALL = Abi.call(BondingManagerClient.GET_TRANSCODER_POOL_SIZE);

    private final ChainRpc rpc;
    private final Address bondingManager;
    private final Map<String, BigInteger> gasCosts = new HashMap<>();

    RpcChainFacts(ChainRpc rpc, Address bondingManager) {
        this.rpc = rpc;
        this.bondingManager = bondingManager;
    }

    @Override
    public BigInteger gasCost(String txHash) {
        return gasCosts.computeIfAbsent(txHash, this::readGasCost);
    }

    private BigInteger readGasCost(String txHash) {
        TransactionReceipt receipt = rpc.receipt(txHash);
        String effective = receipt.getEffectiveGasPrice();
        BigInteger price = effective != null ? Numeric.decodeQuantity(effective) : rpc.transactionGasPrice(txHash);
        return receipt.getGasUsed().multiply(price);
    }

    /**
     * At the NewRound's block. A node without that block's state (not an archive node) answers with an error, and a
     * NewRound older than the BondingManager (the dev chain's first round) gets empty return data; then the latest
     * pool size is the best there is. A transport failure is neither: it propagates and the poll is retried.
     */
    @Override
    public long transcoderPoolSize(long blockNumber) {
        try {
            String atBlock = rpc.call(bondingManager, POOL_SIZE_CALL, blockNumber);
            if (hasWord(atBlock)) {
                return poolSize(atBlock);
            }
            log.info("getTranscoderPoolSize at block {}: no BondingManager code there yet; using the latest block's value",
                    blockNumber);
        } catch (RpcException e) {
            if (!e.isErrorResponse()) {
                throw e;
            }
            log.warn("getTranscoderPoolSize at block {} refused ({}); using the latest block's value", blockNumber,
                    e.getMessage());
        }
        return poolSize(rpc.call(bondingManager, POOL_SIZE_CALL, -1));
    }

    private static boolean hasWord(String result) {
        return result != null && Numeric.cleanHexPrefix(result).length() >= 64;
    }

    private long poolSize(String result) {
        if (!hasWord(result)) {
            throw new IllegalStateException("getTranscoderPoolSize() of " + bondingManager + " returned '" + result
                    + "': is chain.bondingManager a BondingManager?");
        }
        return Words.of(result).uint(0).longValueExact();
    }
}
