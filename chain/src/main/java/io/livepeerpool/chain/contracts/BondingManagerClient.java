package io.livepeerpool.chain.contracts;

import io.livepeerpool.chain.abi.Abi;
import io.livepeerpool.chain.abi.Words;
import io.livepeerpool.chain.tx.ChainReader;
import io.livepeerpool.chain.tx.Transactor;
import io.livepeerpool.chain.tx.TxResult;
import io.livepeerpool.protocol.address.Address;
import java.math.BigInteger;
import org.web3j.abi.datatypes.generated.Uint256;

/** Calls to a BondingManager: orchestrator registration, activity, fees. */
public final class BondingManagerClient {
    public static final String TRANSCODER = "transcoder(uint256,uint256)";
    public static final String IS_ACTIVE_TRANSCODER = "isActiveTranscoder(address)";
    public static final String GET_TRANSCODER_POOL_SIZE = "getTranscoderPoolSize()";
    public static final String PENDING_FEES = "pendingFees(address,uint256)";
    public static final String WITHDRAW_FEES = "withdrawFees(address,uint256)";
    public static final String REWARD = "reward()";
    /** Dev contract only: stands in for Livepeer's resignation (unbonding all stake). */
    public static final String RESIGN_TRANSCODER = "resignTranscoder()";
    /** Dev contract only: wires the TicketBroker that may credit fees. */
    public static final String SET_TICKET_BROKER = "setTicketBroker(address)";
    /** Dev contract only: the delegators' share of an orchestrator's fees, kept aside. */
    public static final String DELEGATORS_FEES = "delegatorsFees(address)";

    public static final String TRANSCODER_UPDATE = "TranscoderUpdate(address,uint256,uint256)";
    public static final String TRANSCODER_ACTIVATED = "TranscoderActivated(address,uint256)";
    public static final String TRANSCODER_DEACTIVATED = "TranscoderDeactivated(address,uint256)";
    public static final String WITHDRAW_FEES_EVENT = "WithdrawFees(address,address,uint256)";
    public static final String REWARD_EVENT = "Reward(address,uint256)";

    /** Parts per million: 1,000,000 = 100%. */
    public static final BigInteger PERC_DIVISOR = BigInteger.valueOf(1_000_000);

    private static final BigInteger GAS = BigInteger.valueOf(300_000);

    private final ChainReader reader;
    private final Address address;

    public BondingManagerClient(ChainReader reader, Address address) {
        this.reader = reader;
        this.address = address;
    }

    public Address address() {
        return address;
    }

    /**
     * Registers (or updates) the sender as an orchestrator; rewardCut and feeShare in ppm. A new orchestrator counts in
     * the pool size at once and is active from the next round (at once in the dev deployment's own round).
     */
    public TxResult registerTranscoder(Transactor orchestrator, long rewardCutPpm, long feeSharePpm) {
        return orchestrator.send(address,
                Abi.call(TRANSCODER, new Uint256(rewardCutPpm), new Uint256(feeSharePpm)), BigInteger.ZERO, GAS);
    }

    /** Dev contract: leaves the pool now (pool size drops at once), active until the end of the current round. */
    public TxResult resignTranscoder(Transactor orchestrator) {
        return orchestrator.send(address, Abi.call(RESIGN_TRANSCODER), BigInteger.ZERO, GAS);
    }

    public TxResult setTicketBroker(Transactor owner, Address ticketBroker) {
        return owner.send(address, Abi.call(SET_TICKET_BROKER, new org.web3j.abi.datatypes.Address(ticketBroker.hex())),
                BigInteger.ZERO, GAS);
    }

    /** Sends {@code amount} wei of the orchestrator's fees to {@code recipient}. */
    public TxResult withdrawFees(Transactor orchestrator, Address recipient, BigInteger amount) {
        return orchestrator.send(address,
                Abi.call(WITHDRAW_FEES, new org.web3j.abi.datatypes.Address(recipient.hex()), new Uint256(amount)),
                BigInteger.ZERO, GAS);
    }

    public TxResult reward(Transactor orchestrator) {
        return orchestrator.send(address, Abi.call(REWARD), BigInteger.ZERO, GAS);
    }

    public BigInteger pendingFees(Address delegator, BigInteger endRound) {
        return Words.of(reader.call(address, Abi.call(PENDING_FEES,
                new org.web3j.abi.datatypes.Address(delegator.hex()), new Uint256(endRound)))).uint(0);
    }

    public BigInteger delegatorsFees(Address transcoder) {
        return Words.of(reader.call(address, Abi.call(DELEGATORS_FEES,
                new org.web3j.abi.datatypes.Address(transcoder.hex())))).uint(0);
    }

    public boolean isActiveTranscoder(Address transcoder) {
        return Words.of(reader.call(address, Abi.call(IS_ACTIVE_TRANSCODER,
                new org.web3j.abi.datatypes.Address(transcoder.hex())))).bool(0);
    }

    public BigInteger transcoderPoolSize() {
        return Words.of(reader.call(address, Abi.call(GET_TRANSCODER_POOL_SIZE))).uint(0);
    }

    /** {@link #transcoderPoolSize()} at the end of {@code block}. */
    public BigInteger transcoderPoolSize(BigInteger block) {
        return Words.of(reader.callAt(address, Abi.call(GET_TRANSCODER_POOL_SIZE), block)).uint(0);
    }

    /** The delegators' part of {@code fees} for a feeShare, as the contract computes it: floor(fees * feeShare / 1e6). */
    public static BigInteger delegatorsShare(BigInteger fees, long feeSharePpm) {
        return fees.multiply(BigInteger.valueOf(feeSharePpm)).divide(PERC_DIVISOR);
    }
}
