package io.livepeerpool.ledger.replay;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import io.livepeerpool.schemas.json.DurationSeconds;
import com.fasterxml.jackson.databind.ObjectReader;
import io.livepeerpool.ledger.event.Hex;
import io.livepeerpool.protocol.address.Address;
import io.livepeerpool.protocol.ticket.Uint256;
import io.livepeerpool.ledger.event.LedgerEvent;
import io.livepeerpool.ledger.event.NewRound;
import io.livepeerpool.ledger.event.PayoutOutcome;
import io.livepeerpool.ledger.event.PayoutSettingsChange;
import io.livepeerpool.ledger.event.TicketTransfer;
import io.livepeerpool.ledger.event.TranscoderJob;
import io.livepeerpool.ledger.event.TranscoderUpdate;
import io.livepeerpool.ledger.settlement.GasShare;
import io.livepeerpool.platform.json.Json;
import java.math.BigInteger;
import java.util.function.Function;

/**
 * One replay input line -> one {@link LedgerEvent}, or a {@link ReplayInputException} naming the line and field.
 * Numbers are read exactly (integers as BigInteger, decimals as BigDecimal), never through a double. Unknown fields
 * are ignored (events may gain fields); a repeated field or anything after the object is an error.
 */
final class EventLineParser {
    static final String LINE = "(line)";
    private static final ObjectReader READER = Json.mapper().reader()
            .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);

    private final long lineNumber;
    private final JsonNode node;

    private EventLineParser(long lineNumber, JsonNode node) {
        this.lineNumber = lineNumber;
        this.node = node;
    }

    static LedgerEvent parse(String line, long lineNumber) {
        JsonNode node;
        try {
            node = READER.readTree(line);
        } catch (JacksonException e) {
            throw new ReplayInputException(lineNumber, LINE, "not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (node == null || !node.isObject()) {
            throw new ReplayInputException(lineNumber, LINE, "must be a JSON object");
        }
        return new EventLineParser(lineNumber, node).event();
    }

    private LedgerEvent event() {
        String type = text("type");
        return switch (type) {
            case "job" -> new TranscoderJob(field("orchestrator", EventLineParser::address), jobId(),
                    field("transcoder", EventLineParser::address), nonNegativeLong("pixels"), durationMs(),
                    nonNegativeLong("profiles"), nonNegativeLong("roundJob"));
            case "ticketTransfer" -> transfer();
            case "transcoderUpdate" -> new TranscoderUpdate(field("transcoder", EventLineParser::address),
                    ppm("rewardCut"), (int) ppm("feeShare"));
            case "newRound" -> new NewRound(nonNegativeLong("round"));
            case "payout" -> payout();
            case "payoutSettings" -> new PayoutSettingsChange(field("transcoder", EventLineParser::address),
                    field("payoutAddress", EventLineParser::address), wei("threshold"), nonNegativeLong("nonce"));
            default -> throw problem("type", "must be job, ticketTransfer, transcoderUpdate, newRound, payout or"
                    + " payoutSettings, got '" + type + "'");
        };
    }

    /** amountSent may be left out: the whole amount when Paid, else 0. */
    private PayoutOutcome payout() {
        String payoutId = text("payoutId");
        if (payoutId.isBlank()) {
            throw problem("payoutId", "must not be blank");
        }
        String transcoder = field("transcoder", EventLineParser::address);
        PayoutOutcome.Status status = field("status", EventLineParser::status);
        BigInteger amount = wei("amount");
        BigInteger amountSent = node.hasNonNull("amountSent") ? wei("amountSent")
                : status == PayoutOutcome.Status.Paid ? amount : BigInteger.ZERO;
        BigInteger gasShare = wei("gasShare");
        String gasPaidBy = text("gasPaidBy");
        if (!gasPaidBy.equals("pool") && !gasPaidBy.equals("member")) {
            throw problem("gasPaidBy", "must be pool or member, got '" + gasPaidBy + "'");
        }
        try {
            return new PayoutOutcome(payoutId, transcoder, status, amount, amountSent, gasShare,
                    gasPaidBy.equals("member"));
        } catch (IllegalArgumentException e) {
            throw problem("amountSent", e.getMessage());
        }
    }

    private TicketTransfer transfer() {
        TicketTransfer alone = new TicketTransfer(field("txHash", Hex::hash), nonNegativeLong("logIndex"),
                field("sender", EventLineParser::address), field("recipient", EventLineParser::address),
                wei("amount"), wei("gasCost"));
        int txTickets = optionalInt("txTickets", 1, 1, GasShare.TX_TICKETS_MAX);
        int txTicketIndex = optionalInt("txTicketIndex", 0, 0, GasShare.TX_TICKETS_MAX - 1);
        if (txTicketIndex >= txTickets) {
            throw problem("txTicketIndex", "must be below txTickets (" + txTickets + "), got " + txTicketIndex);
        }
        return new TicketTransfer(alone.txHash(), alone.logIndex(), alone.sender(), alone.recipient(), alone.amount(),
                alone.gasCost(), txTickets, txTicketIndex);
    }

    private long ppm(String name) {
        long value = nonNegativeLong(name);
        if (value > 1_000_000) {
            throw problem(name, "must be parts per million, 0 to 1000000, got " + value);
        }
        return value;
    }

    private int optionalInt(String name, int absent, int min, int max) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return absent;
        }
        long number = nonNegativeLong(name);
        if (number < min || number > max) {
            throw problem(name, "must be between " + min + " and " + max + ", got " + number);
        }
        return (int) number;
    }

    private String jobId() {
        String jobId = text("jobId");
        if (jobId.isBlank()) {
            throw problem("jobId", "must not be blank");
        }
        return jobId;
    }

    /** Seconds exactly as the gateway accepts them (the same {@link DurationSeconds}) -> milliseconds. */
    private long durationMs() {
        JsonNode value = required("duration");
        DurationSeconds.Result result = DurationSeconds.toMillis(value);
        if (result.problem() != null) {
            throw problem("duration", result.problem() + ", got " + value);
        }
        return result.millis();
    }

    private BigInteger wei(String name) {
        JsonNode value = required(name);
        if (value.isIntegralNumber()) {
            return check(name, value.bigIntegerValue().toString(), Uint256::parseDecimal);
        }
        if (!value.isTextual()) {
            throw problem(name, "must be a decimal string of wei, got " + value);
        }
        return check(name, value.textValue(), Uint256::parseDecimal);
    }

    private long nonNegativeLong(String name) {
        JsonNode value = required(name);
        if (!value.isIntegralNumber()) {
            throw problem(name, "must be an integer, got " + value);
        }
        BigInteger number = value.bigIntegerValue();
        if (number.signum() < 0 || number.bitLength() > 63) {
            throw problem(name, "must be between 0 and " + Long.MAX_VALUE + ", got " + number);
        }
        return number.longValueExact();
    }

    private <T> T field(String name, Function<String, T> parser) {
        return check(name, text(name), parser);
    }

    private <T> T check(String name, String text, Function<String, T> parser) {
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            throw problem(name, e.getMessage() + ", got '" + text + "'");
        }
    }

    private String text(String name) {
        JsonNode value = required(name);
        if (!value.isTextual()) {
            throw problem(name, "must be a string, got " + value);
        }
        return value.textValue();
    }

    private JsonNode required(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw problem(name, "is required");
        }
        return value;
    }

    private ReplayInputException problem(String name, String message) {
        return new ReplayInputException(lineNumber, name, message);
    }

    private static PayoutOutcome.Status status(String text) {
        for (PayoutOutcome.Status status : PayoutOutcome.Status.values()) {
            if (status.name().equals(text)) {
                return status;
            }
        }
        throw new IllegalArgumentException("must be Paid, Refused or Reverted");
    }

    /** An address as the gateway takes it, held lowercase (the ledger's one spelling). */
    private static String address(String text) {
        return Address.parse(text).hex();
    }
}
