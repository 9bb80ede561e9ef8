package io.livepeerpool.chain.contracts;

import io.livepeerpool.chain.abi.Abi;
import io.livepeerpool.chain.abi.Words;
import io.livepeerpool.chain.tx.ChainReader;
import io.livepeerpool.chain.tx.Transactor;
import io.livepeerpool.chain.tx.TxResult;
import io.livepeerpool.protocol.address.Address;
import io.livepeerpool.protocol.ticket.Bytes32;
import java.math.BigInteger;
import org.web3j.abi.datatypes.generated.Uint256;

/** Calls to a RoundsManager (the dev contract or Livepeer's; same signatures). */
public final class RoundsManagerClient {
    public static final String CURRENT_ROUND = "currentRound()";
    public static final String ROUND_LENGTH = "roundLength()";
    public static final String LAST_INITIALIZED_ROUND = "lastInitializedRound()";
    public static final String CURRENT_ROUND_INITIALIZED = "currentRoundInitialized()";
    public static final String BLOCK_HASH_FOR_ROUND = "blockHashForRound(uint256)";
    public static final String INITIALIZE_ROUND = "initializeRound()";
    public static final String NEW_ROUND = "NewRound(uint256,bytes32)";

    private static final BigInteger INITIALIZE_GAS = BigInteger.valueOf(300_000);

    private final ChainReader reader;
    private final Address address;

    public RoundsManagerClient(ChainReader reader, Address address) {
        this.reader = reader;
        this.address = address;
    }

    public Address address() {
        return address;
    }

    public BigInteger currentRound() {
        return uint(CURRENT_ROUND);
    }

    public BigInteger roundLength() {
        return uint(ROUND_LENGTH);
    }

    public BigInteger lastInitializedRound() {
        return uint(LAST_INITIALIZED_ROUND);
    }

    /** {@link #lastInitializedRound()} at the end of {@code block}. */
    public BigInteger lastInitializedRound(BigInteger block) {
        return Words.of(reader.callAt(address, Abi.call(LAST_INITIALIZED_ROUND), block)).uint(0);
    }

    public boolean currentRoundInitialized() {
        return Words.of(reader.call(address, Abi.call(CURRENT_ROUND_INITIALIZED))).bool(0);
    }

    /** The round's block hash; all zeros if the round was never initialized. */
    public Bytes32 blockHashForRound(BigInteger round) {
        return Words.of(reader.call(address, Abi.call(BLOCK_HASH_FOR_ROUND, new Uint256(round)))).bytes32(0);
    }

    public TxResult initializeRound(Transactor from) {
        return from.send(address, Abi.call(INITIALIZE_ROUND), BigInteger.ZERO, INITIALIZE_GAS);
    }

    private BigInteger uint(String signature) {
        return Words.of(reader.call(address, Abi.call(signature))).uint(0);
    }
}
