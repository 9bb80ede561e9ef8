package io.livepeerpool.chainwatcher.decode;

import io.livepeerpool.chainwatcher.chain.ContractAddresses;
import io.livepeerpool.chainwatcher.chain.ContractRole;
import io.livepeerpool.protocol.address.Address;
import io.livepeerpool.schemas.avro.ChainEvent;
import io.livepeerpool.schemas.avro.DepositFundedEvent;
import io.livepeerpool.schemas.avro.NewRoundEvent;
import io.livepeerpool.schemas.avro.ReserveClaimedEvent;
import io.livepeerpool.schemas.avro.ReserveFundedEvent;
import io.livepeerpool.schemas.avro.TranscoderUpdateEvent;
import io.livepeerpool.schemas.avro.UnlockCancelledEvent;
import io.livepeerpool.schemas.avro.UnlockEvent;
import io.livepeerpool.schemas.avro.WinningTicketRedeemedEvent;
import io.livepeerpool.schemas.avro.WinningTicketTransferEvent;
import io.livepeerpool.schemas.avro.WithdrawFeesEvent;
import io.livepeerpool.schemas.avro.WithdrawalEvent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.web3j.protocol.core.methods.response.Log;

/**
 * One log of the watched contracts -> one {@link ChainEvent} and its Kafka key. Addresses are lowercase, wei amounts
 * {@code BigDecimal} of scale 0. Keys, for the consumers' partitioning and grouping:
 * <ul>
 *   <li>the sender (reserve holder) for the TicketBroker's sender events: DepositFunded, ReserveFunded,
 *       ReserveClaimed, WinningTicketRedeemed, Unlock, UnlockCancelled, Withdrawal;</li>
 *   <li>the recipient (orchestrator) for WinningTicketTransfer, the transcoder for TranscoderUpdate, the delegator
 *       for WithdrawFees;</li>
 *   <li>the round number in decimal for NewRound.</li>
 * </ul>
 * Pure apart from {@link ChainFacts} (gas cost of a transfer's transaction, pool size at a NewRound), which is asked
 * only for events that pass the orchestrator filter.
 */
public final class LogDecoder {
    private final ContractAddresses contracts;
    private final OrchestratorFilter filter;

    public LogDecoder(ContractAddresses contracts, OrchestratorFilter filter) {
        this.contracts = contracts;
        this.filter = filter;
    }

    /** A log alone in its transaction as far as WinningTicketTransfers go (txTickets 1). */
    public Decoded decode(Log log, ChainFacts facts) {
        return decode(log, facts, TicketPositions.of(List.of(log), contracts.ticketBroker()));
    }

    /** @param positions where each WinningTicketTransfer stands in its transaction, from the whole block range */
    public Decoded decode(Log log, ChainFacts facts, TicketPositions positions) {
        if (log.getAddress() == null || log.getTopics() == null || log.getTopics().isEmpty()) {
            return new Decoded.Ignored("log without address or topics");
        }
        Address contract = Address.parse(log.getAddress());
        Optional<ContractRole> role = contracts.roleOf(contract);
        if (role.isEmpty()) {
            return new Decoded.Ignored("not a watched contract: " + contract);
        }
        Optional<KnownEvent> type = KnownEvent.of(role.get(), log.getTopics().get(0));
        if (type.isEmpty()) {
            return new Decoded.Ignored("topic0 " + log.getTopics().get(0) + " is not watched on the " + role.get());
        }
        Shape shape = new Shape(log, type.get());
        return switch (type.get()) {
            case NEW_ROUND -> newRound(shape, facts);
            case DEPOSIT_FUNDED -> shape.emit(shape.topicAddress(1),
                    new DepositFundedEvent(shape.topicAddress(1), wei(shape.data(1).uint(0))));
            case RESERVE_FUNDED -> shape.emit(shape.topicAddress(1),
                    new ReserveFundedEvent(shape.topicAddress(1), wei(shape.data(1).uint(0))));
            case RESERVE_CLAIMED -> reserveClaimed(shape);
            case WINNING_TICKET_REDEEMED -> redeemed(shape);
            case WINNING_TICKET_TRANSFER -> transfer(shape, facts, positions);
            case UNLOCK -> unlock(shape);
            case UNLOCK_CANCELLED -> shape.emit(shape.topicAddress(1), new UnlockCancelledEvent(shape.topicAddress(1)));
            case WITHDRAWAL -> withdrawal(shape);
            case TRANSCODER_UPDATE -> transcoderUpdate(shape);
            case WITHDRAW_FEES -> withdrawFees(shape);
        };
    }

    private static Decoded newRound(Shape shape, ChainFacts facts) {
        long round = shape.topicUint(1, "round");
        String roundBlockHash = shape.data(1).bytes32(0);
        long poolSize = facts.transcoderPoolSize(shape.blockNumber());
        return shape.emit(Long.toString(round), new NewRoundEvent(round, roundBlockHash, poolSize));
    }

    private static Decoded reserveClaimed(Shape shape) {
        LogData data = shape.data(2);
        String holder = shape.topicAddress(1);
        return shape.emit(holder, new ReserveClaimedEvent(holder, data.address(0), wei(data.uint(1))));
    }

    private static Decoded redeemed(Shape shape) {
        shape.topics(3);
        LogData data = shape.data(6); // 4 uints, the auxData offset, its length (then its bytes)
        String sender = shape.topicAddress(1);
        return shape.emit(sender, new WinningTicketRedeemedEvent(sender, shape.topicAddress(2), wei(data.uint(0)),
                wei(data.uint(1)), wei(data.uint(2)), wei(data.uint(3)), data.dynamicBytes(4)));
    }

    private Decoded transfer(Shape shape, ChainFacts facts, TicketPositions positions) {
        shape.topics(3);
        String recipient = shape.topicAddress(2);
        if (!filter.accepts(recipient)) {
            return new Decoded.Filtered(shape.type);
        }
        BigInteger amount = shape.data(1).uint(0);
        BigInteger gasCost = facts.gasCost(shape.txHash());
        TicketPositions.Position position = positions.of(shape.txHash(), shape.logIndex());
        return shape.emit(recipient, new WinningTicketTransferEvent(shape.topicAddress(1), recipient, wei(amount),
                wei(gasCost), position.txTickets(), position.txTicketIndex()));
    }

    private static Decoded unlock(Shape shape) {
        LogData data = shape.data(2);
        String sender = shape.topicAddress(1);
        return shape.emit(sender, new UnlockEvent(sender, data.uintAsLong(0, "startRound"), data.uintAsLong(1, "endRound")));
    }

    private static Decoded withdrawal(Shape shape) {
        LogData data = shape.data(2);
        String sender = shape.topicAddress(1);
        return shape.emit(sender, new WithdrawalEvent(sender, wei(data.uint(0)), wei(data.uint(1))));
    }

    private Decoded transcoderUpdate(Shape shape) {
        String transcoder = shape.topicAddress(1);
        if (!filter.accepts(transcoder)) {
            return new Decoded.Filtered(shape.type);
        }
        LogData data = shape.data(2);
        return shape.emit(transcoder, new TranscoderUpdateEvent(transcoder, data.uintAsLong(0, "rewardCut"),
                data.uintAsLong(1, "feeShare")));
    }

    private static Decoded withdrawFees(Shape shape) {
        LogData data = shape.data(2);
        String delegator = shape.topicAddress(1);
        return shape.emit(delegator, new WithdrawFeesEvent(delegator, data.address(0), wei(data.uint(1))));
    }

    private static BigDecimal wei(BigInteger amount) {
        return new BigDecimal(amount, 0);
    }

    /** One log being read as a given event: its position, topics and data, each access checked. */
    private static final class Shape {
        private final Log log;
        private final KnownEvent type;
        private final String what;

        Shape(Log log, KnownEvent type) {
            this.log = log;
            this.type = type;
            this.what = type.eventName() + " in tx " + log.getTransactionHash() + " log " + log.getLogIndexRaw();
        }

        long blockNumber() {
            return require(log.getBlockNumber(), "blockNumber").longValueExact();
        }

        String txHash() {
            return require(log.getTransactionHash(), "transactionHash").toLowerCase(Locale.ROOT);
        }

        long logIndex() {
            return require(log.getLogIndex(), "logIndex").longValueExact();
        }

        /** Requires at least {@code count} topics (topic0 included). */
        List<String> topics(int count) {
            if (log.getTopics().size() < count) {
                throw new UndecodableLogException(what + ": " + log.getTopics().size() + " topics, expected " + count);
            }
            return log.getTopics();
        }

        String topicAddress(int index) {
            return LogData.of(topics(index + 1).get(index), what + " topic " + index).address(0);
        }

        long topicUint(int index, String field) {
            return LogData.of(topics(index + 1).get(index), what + " topic " + index).uintAsLong(0, field);
        }

        /** The data, which must hold at least {@code words} words. */
        LogData data(int words) {
            LogData data = LogData.of(log.getData(), what + " data");
            if (data.words() < words) {
                throw new UndecodableLogException(what + ": " + data.words() + " data words, expected at least " + words);
            }
            return data;
        }

        Decoded emit(String key, Object payload) {
            ChainEvent event = new ChainEvent(blockNumber(),
                    require(log.getBlockHash(), "blockHash").toLowerCase(Locale.ROOT), txHash(),
                    Math.toIntExact(require(log.getLogIndex(), "logIndex").longValueExact()),
                    Address.parse(log.getAddress()).hex(), payload);
            return new Decoded.Emit(type, key, event);
        }

        private <T> T require(T value, String field) {
            if (value == null) {
                throw new UndecodableLogException(what + ": no " + field);
            }
            return value;
        }
    }
}
