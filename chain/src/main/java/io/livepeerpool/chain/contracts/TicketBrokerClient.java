package io.livepeerpool.chain.contracts;

import io.livepeerpool.chain.abi.Abi;
import io.livepeerpool.chain.abi.Words;
import io.livepeerpool.chain.tx.ChainCallException;
import io.livepeerpool.chain.tx.ChainReader;
import io.livepeerpool.chain.tx.Transactor;
import io.livepeerpool.chain.tx.TxResult;
import io.livepeerpool.chain.ticket.SignedTicket;
import io.livepeerpool.protocol.address.Address;
import io.livepeerpool.protocol.ticket.Bytes32;
import io.livepeerpool.protocol.ticket.Ticket;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.DynamicStruct;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.Log;

/** Calls to a TicketBroker: funding, unlock / withdraw, redemption (with the amount actually paid) and views. */
public final class TicketBrokerClient {
    public static final String FUND_DEPOSIT = "fundDeposit()";
    public static final String FUND_RESERVE = "fundReserve()";
    public static final String FUND_DEPOSIT_AND_RESERVE = "fundDepositAndReserve(uint256,uint256)";
    public static final String FUND_DEPOSIT_AND_RESERVE_FOR = "fundDepositAndReserveFor(address,uint256,uint256)";
    public static final String UNLOCK = "unlock()";
    public static final String CANCEL_UNLOCK = "cancelUnlock()";
    public static final String WITHDRAW = "withdraw()";
    public static final String REDEEM_WINNING_TICKET = "redeemWinningTicket(" + TicketAbi.TUPLE + ",bytes,uint256)";
    public static final String BATCH_REDEEM_WINNING_TICKETS =
            "batchRedeemWinningTickets(" + TicketAbi.TUPLE + "[],bytes[],uint256[])";
    public static final String GET_TICKET_HASH = "getTicketHash(" + TicketAbi.TUPLE + ")";
    public static final String GET_SENDER_INFO = "getSenderInfo(address)";
    public static final String GET_RESERVE_INFO = "getReserveInfo(address)";
    public static final String TICKET_VALIDITY_PERIOD = "ticketValidityPeriod()";
    public static final String UNLOCK_PERIOD = "unlockPeriod()";
    public static final String IS_UNLOCK_IN_PROGRESS = "isUnlockInProgress(address)";
    public static final String USED_TICKETS = "usedTickets(bytes32)";
    public static final String CLAIMABLE_RESERVE = "claimableReserve(address,address)";
    public static final String CLAIMED_RESERVE = "claimedReserve(address,address)";

    public static final String DEPOSIT_FUNDED = "DepositFunded(address,uint256)";
    public static final String RESERVE_FUNDED = "ReserveFunded(address,uint256)";
    public static final String RESERVE_CLAIMED = "ReserveClaimed(address,address,uint256)";
    public static final String WINNING_TICKET_REDEEMED =
            "WinningTicketRedeemed(address,address,uint256,uint256,uint256,uint256,bytes)";
    public static final String WINNING_TICKET_TRANSFER = "WinningTicketTransfer(address,address,uint256)";
    public static final String UNLOCK_EVENT = "Unlock(address,uint256,uint256)";
    public static final String UNLOCK_CANCELLED = "UnlockCancelled(address)";
    public static final String WITHDRAWAL = "Withdrawal(address,uint256,uint256)";

    /** Gas budgeted for one redemption (as on Arbitrum One). */
    public static final BigInteger REDEEM_GAS = BigInteger.valueOf(1_200_000);
    private static final BigInteger FUNDING_GAS = BigInteger.valueOf(200_000);
    private static final BigInteger BATCH_GAS_CAP = BigInteger.valueOf(25_000_000);

    private final ChainReader reader;
    private final Address address;

    public TicketBrokerClient(ChainReader reader, Address address) {
        this.reader = reader;
        this.address = address;
    }

    public Address address() {
        return address;
    }

    // ------------------------------------------------------------------ sender funds

    public TxResult fundDeposit(Transactor sender, BigInteger wei) {
        return sender.send(address, Abi.call(FUND_DEPOSIT), wei, FUNDING_GAS);
    }

    public TxResult fundReserve(Transactor sender, BigInteger wei) {
        return sender.send(address, Abi.call(FUND_RESERVE), wei, FUNDING_GAS);
    }

    public TxResult fundDepositAndReserve(Transactor sender, BigInteger deposit, BigInteger reserve) {
        return sender.send(address, Abi.call(FUND_DEPOSIT_AND_RESERVE, new Uint256(deposit), new Uint256(reserve)),
                deposit.add(reserve), FUNDING_GAS);
    }

    /** Funds {@code beneficiary}'s deposit and reserve with {@code payer}'s ETH. */
    public TxResult fundDepositAndReserveFor(Transactor payer, Address beneficiary, BigInteger deposit, BigInteger reserve) {
        return payer.send(address, Abi.call(FUND_DEPOSIT_AND_RESERVE_FOR, web3(beneficiary), new Uint256(deposit),
                new Uint256(reserve)), deposit.add(reserve), FUNDING_GAS);
    }

    public TxResult unlock(Transactor sender) {
        return sender.send(address, Abi.call(UNLOCK), BigInteger.ZERO, FUNDING_GAS);
    }

    public TxResult cancelUnlock(Transactor sender) {
        return sender.send(address, Abi.call(CANCEL_UNLOCK), BigInteger.ZERO, FUNDING_GAS);
    }

    public TxResult withdraw(Transactor sender) {
        return sender.send(address, Abi.call(WITHDRAW), BigInteger.ZERO, FUNDING_GAS);
    }

    // ------------------------------------------------------------------ redemption

    /** Redeems one ticket; a revert is returned (success false, reason), not thrown. */
    public Redemption redeemWinningTicket(Transactor redeemer, SignedTicket t) {
        TxResult tx = redeemer.send(address, redeemCalldata(t), BigInteger.ZERO, REDEEM_GAS);
        return new Redemption(t.hash(), tx, amountTransferred(tx, t.ticket()));
    }

    /**
     * Dry run of a redemption (eth_call from {@code redeemer} on the latest block): the revert reason
     * ({@code Error(string)}, or {@code "Panic(0x11)"} and the like), or empty if it would succeed.
     */
    public Optional<String> redeemRevertReason(Address redeemer, SignedTicket t) {
        return revertReason(redeemer, redeemCalldata(t));
    }

    /**
     * Dry run of a batch: the revert reason of the whole call, or empty. A ticket that fails inside the batch does not
     * revert it (it is skipped), so this only catches what fails the batch as a whole, e.g. an uninitialized round;
     * check tickets one by one with {@link #redeemRevertReason}.
     */
    public Optional<String> batchRedeemRevertReason(Address redeemer, List<SignedTicket> tickets) {
        return revertReason(redeemer, batchRedeemCalldata(tickets));
    }

    /** eth_estimateGas of a redemption; throws {@link ChainCallException} with the reason if it would revert. */
    public BigInteger estimateRedeemGas(Address redeemer, SignedTicket t) {
        return reader.estimateGas(redeemer, address, redeemCalldata(t), BigInteger.ZERO);
    }

    /** eth_estimateGas of a batch redemption; throws {@link ChainCallException} with the reason if it would revert. */
    public BigInteger estimateBatchRedeemGas(Address redeemer, List<SignedTicket> tickets) {
        return reader.estimateGas(redeemer, address, batchRedeemCalldata(tickets), BigInteger.ZERO);
    }

    /** Redeems several tickets in one transaction; tickets that fail are skipped by the contract. */
    public TxResult batchRedeemWinningTickets(Transactor redeemer, List<SignedTicket> tickets) {
        return redeemer.send(address, batchRedeemCalldata(tickets), BigInteger.ZERO, batchRedeemGasLimit(tickets.size()));
    }

    /** The gas limit budgeted for a batch: {@link #REDEEM_GAS} per ticket, capped at 25,000,000. */
    public static BigInteger batchRedeemGasLimit(int tickets) {
        return REDEEM_GAS.multiply(BigInteger.valueOf(Math.max(1, tickets))).min(BATCH_GAS_CAP);
    }

    /** Calldata of {@code redeemWinningTicket(ticket, sig, recipientRand)}, for a transaction signed elsewhere. */
    public static String redeemCalldata(SignedTicket t) {
        return Abi.call(REDEEM_WINNING_TICKET, TicketAbi.struct(t.ticket()), new DynamicBytes(t.sig()),
                new Uint256(t.recipientRand()));
    }

    /** Calldata of {@code batchRedeemWinningTickets(tickets, sigs, recipientRands)}, for a transaction signed elsewhere. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static String batchRedeemCalldata(List<SignedTicket> tickets) {
        List<DynamicStruct> structs = tickets.stream().map(t -> TicketAbi.struct(t.ticket())).toList();
        List<DynamicBytes> sigs = tickets.stream().map(t -> new DynamicBytes(t.sig())).toList();
        List<Uint256> rands = tickets.stream().map(t -> new Uint256(t.recipientRand())).toList();
        return Abi.call(BATCH_REDEEM_WINNING_TICKETS,
                new DynamicArray(DynamicStruct.class, structs),
                new DynamicArray(DynamicBytes.class, sigs),
                new DynamicArray(Uint256.class, rands));
    }

    /**
     * What {@code ticket}'s recipient got in {@code tx}: the sum of this broker's WinningTicketTransfer logs from its
     * sender to its recipient (0 when there is none). In a batch holding several tickets of one sender and recipient,
     * logs follow ticket order; match them with the WinningTicketRedeemed logs to split them.
     */
    public BigInteger amountTransferred(TxResult tx, Ticket ticket) {
        return transfers(tx).stream()
                .filter(x -> x.sender().equals(ticket.sender()) && x.recipient().equals(ticket.recipient()))
                .map(WinningTicketTransfer::amount)
                .reduce(BigInteger.ZERO, BigInteger::add);
    }

    private Optional<String> revertReason(Address from, String data) {
        try {
            reader.call(from, address, data, BigInteger.ZERO, DefaultBlockParameterName.LATEST);
            return Optional.empty();
        } catch (ChainCallException e) {
            return Optional.of(e.revertReason().orElse("reverted without a reason"));
        }
    }

    /** The WinningTicketTransfer logs of this broker in a transaction. */
    public List<WinningTicketTransfer> transfers(TxResult tx) {
        return tx.logs(address, Abi.topic(WINNING_TICKET_TRANSFER)).stream().map(TicketBrokerClient::transfer).toList();
    }

    private static WinningTicketTransfer transfer(Log log) {
        return new WinningTicketTransfer(
                Words.topicAddress(log.getTopics().get(1)),
                Words.topicAddress(log.getTopics().get(2)),
                Words.of(log.getData()).uint(0));
    }

    // ------------------------------------------------------------------ views

    /** The ticket hash as the contract computes it. */
    public Bytes32 ticketHash(Ticket ticket) {
        return Words.of(reader.call(address, Abi.call(GET_TICKET_HASH, TicketAbi.struct(ticket)))).bytes32(0);
    }

    public boolean isUsed(Bytes32 ticketHash) {
        return Words.of(reader.call(address, Abi.call(USED_TICKETS,
                new org.web3j.abi.datatypes.generated.Bytes32(ticketHash.bytes())))).bool(0);
    }

    public SenderInfo senderInfo(Address sender) {
        Words w = Words.of(reader.call(address, Abi.call(GET_SENDER_INFO, web3(sender))));
        return new SenderInfo(w.uint(0), w.uint(1), w.uint(2), w.uint(3));
    }

    /** {@code getReserveInfo(address)}: (fundsRemaining, claimedInCurrentRound). */
    public ReserveInfo reserveInfo(Address reserveHolder) {
        Words w = Words.of(reader.call(address, Abi.call(GET_RESERVE_INFO, web3(reserveHolder))));
        return new ReserveInfo(w.uint(0), w.uint(1));
    }

    public boolean isUnlockInProgress(Address sender) {
        return Words.of(reader.call(address, Abi.call(IS_UNLOCK_IN_PROGRESS, web3(sender)))).bool(0);
    }

    public BigInteger ticketValidityPeriod() {
        return Words.of(reader.call(address, Abi.call(TICKET_VALIDITY_PERIOD))).uint(0);
    }

    /** The broker's validity rule with its {@code ticketValidityPeriod}. */
    public TicketValidity ticketValidity() {
        return new TicketValidity(ticketValidityPeriod());
    }

    public BigInteger unlockPeriod() {
        return Words.of(reader.call(address, Abi.call(UNLOCK_PERIOD))).uint(0);
    }

    /**
     * What {@code claimant} may still claim from {@code reserveHolder}'s reserve this round. Livepeer's contract does not
     * clamp it: when the pool grew after a claim this round it panics, thrown as {@link ChainCallException} with
     * reason {@code "Panic(0x11)"}.
     */
    public BigInteger claimableReserve(Address reserveHolder, Address claimant) {
        return Words.of(reader.call(address, Abi.call(CLAIMABLE_RESERVE, web3(reserveHolder), web3(claimant)))).uint(0);
    }

    public BigInteger claimedReserve(Address reserveHolder, Address claimant) {
        return Words.of(reader.call(address, Abi.call(CLAIMED_RESERVE, web3(reserveHolder), web3(claimant)))).uint(0);
    }

    /** {@link #senderInfo(Address)} at the end of {@code block}. */
    public SenderInfo senderInfo(Address sender, BigInteger block) {
        Words w = Words.of(reader.callAt(address, Abi.call(GET_SENDER_INFO, web3(sender)), block));
        return new SenderInfo(w.uint(0), w.uint(1), w.uint(2), w.uint(3));
    }

    /** {@link #claimedReserve(Address, Address)} at the end of {@code block}. */
    public BigInteger claimedReserve(Address reserveHolder, Address claimant, BigInteger block) {
        return Words.of(reader.callAt(address, Abi.call(CLAIMED_RESERVE, web3(reserveHolder), web3(claimant)), block))
                .uint(0);
    }

    private static org.web3j.abi.datatypes.Address web3(Address a) {
        return new org.web3j.abi.datatypes.Address(a.hex());
    }
}
