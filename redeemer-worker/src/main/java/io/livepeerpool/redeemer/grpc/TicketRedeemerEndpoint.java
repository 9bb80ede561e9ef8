package io.livepeerpool.redeemer.grpc;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.livepeerpool.protocol.address.Address;
import io.livepeerpool.protocol.ticket.WinningTicketRules;
import io.livepeerpool.protocol.ticket.WinningTicketRules.Part;
import io.livepeerpool.protocol.ticket.WinningTicketRules.Violation;
import io.livepeerpool.redeemer.grpc.proto.MaxFloatReq;
import io.livepeerpool.redeemer.grpc.proto.MaxFloatUpdate;
import io.livepeerpool.redeemer.grpc.proto.QueueTicketRes;
import io.livepeerpool.redeemer.grpc.proto.Ticket;
import io.livepeerpool.redeemer.grpc.proto.TicketRedeemerGrpc;
import io.livepeerpool.schemas.avro.WinningTicket;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The three RPCs of go-livepeer's {@code net.TicketRedeemer}, with its status codes: PERMISSION_DENIED for a ticket
 * to another recipient ("invalid ticket recipient ..."), INVALID_ARGUMENT naming the proto field of a ticket the
 * chain would refuse, UNAVAILABLE when Kafka does not acknowledge in time, INTERNAL for anything else, CANCELLED for
 * a MonitorMaxFloat stream the client closed.
 * <p>
 * A sender {@code pool.max-float} knows nothing about gets 0: the max float topology publishes every sender that ever
 * funded a deposit or reserve, so an unknown sender has no reserve, and go-livepeer's own monitor computes 0 for a
 * sender without reserve (rather than NOT_FOUND, which would fail the orchestrator's payment check the same way but
 * with an error in its log).
 */
final class TicketRedeemerEndpoint extends TicketRedeemerGrpc.TicketRedeemerImplBase {
    private static final Logger log = LoggerFactory.getLogger(TicketRedeemerEndpoint.class);

    private final Set<Address> recipients;
    private final WinningTicketWriter writer;
    private final MaxFloatFeed maxFloats;

    TicketRedeemerEndpoint(Set<Address> recipients, WinningTicketWriter writer, MaxFloatFeed maxFloats) {
        this.recipients = Set.copyOf(recipients);
        this.writer = writer;
        this.maxFloats = maxFloats;
    }

    @Override
    public void queueTicket(Ticket request, StreamObserver<QueueTicketRes> response) {
        try {
            ReceivedTicket ticket = ProtoTickets.fromProto(request);
            List<Violation> violations = WinningTicketRules.check(ticket.ticket(), ticket.sig(), ticket.recipientRand(),
                    recipients::contains);
            if (violations.stream().anyMatch(v -> v.part() == Part.RECIPIENT)) {
                throw Status.PERMISSION_DENIED.withDescription("invalid ticket recipient " + ticket.ticket().recipient().checksummed())
                        .asRuntimeException();
            }
            if (!violations.isEmpty()) {
                throw Status.INVALID_ARGUMENT.withDescription(describe(violations)).asRuntimeException();
            }
            WinningTicket queued = writer.write(ticket);
            log.info("queued ticket {} from sender {}", queued.getTicketHash(), queued.getSender());
            response.onNext(QueueTicketRes.getDefaultInstance());
            response.onCompleted();
        } catch (InvalidTicketField e) {
            response.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
        } catch (KafkaUnavailable e) {
            log.warn("ticket not queued: {}", e.getMessage());
            response.onError(Status.UNAVAILABLE.withDescription(e.getMessage()).asRuntimeException());
        } catch (io.grpc.StatusRuntimeException e) {
            response.onError(e);
        } catch (RuntimeException e) {
            log.error("QueueTicket failed", e);
            response.onError(Status.INTERNAL.withDescription("internal error").asRuntimeException());
        }
    }

    @Override
    public void maxFloat(MaxFloatReq request, StreamObserver<MaxFloatUpdate> response) {
        String sender;
        try {
            sender = sender(request);
        } catch (InvalidTicketField e) {
            response.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
            return;
        }
        response.onNext(update(maxFloats.current(sender).orElse(BigInteger.ZERO)));
        response.onCompleted();
    }

    /** Like go-livepeer: only changes after the subscription (the client asks MaxFloat first for the current value). */
    @Override
    public void monitorMaxFloat(MaxFloatReq request, StreamObserver<MaxFloatUpdate> response) {
        String sender;
        try {
            sender = sender(request);
        } catch (InvalidTicketField e) {
            response.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
            return;
        }
        ServerCallStreamObserver<MaxFloatUpdate> stream = (ServerCallStreamObserver<MaxFloatUpdate>) response;
        AtomicReference<AutoCloseable> subscription = new AtomicReference<>();
        // both handlers are set before the first message may be sent (the feed's thread sends), as gRPC requires
        stream.setOnCancelHandler(() -> unsubscribe(subscription.get(), sender));
        MaxFloatStream updates = new MaxFloatStream(stream);
        subscription.set(maxFloats.subscribe(sender, updates::offer));
        if (stream.isCancelled()) {
            unsubscribe(subscription.get(), sender);
        }
    }

    private static void unsubscribe(AutoCloseable subscription, String sender) {
        if (subscription == null) {
            return;
        }
        try {
            subscription.close();
        } catch (Exception e) {
            log.debug("closing the max float subscription of {}", sender, e);
        }
        log.debug("MonitorMaxFloat of {} closed by the client", sender);
    }

    private static String sender(MaxFloatReq request) {
        ByteString bytes = request.getSender();
        if (bytes.size() != 20) {
            throw new InvalidTicketField("sender", "must be a 20-byte address, got " + bytes.size() + " bytes");
        }
        return "0x" + HexFormat.of().formatHex(bytes.toByteArray());
    }

    private static MaxFloatUpdate update(BigInteger value) {
        return MaxFloatStream.update(value);
    }

    private static String describe(List<Violation> violations) {
        return violations.stream().map(v -> field(v.part()) + ": " + v.message()).collect(Collectors.joining("; "));
    }

    private static String field(Part part) {
        return switch (part) {
            case RECIPIENT -> "ticket_params.recipient";
            case SIG -> "sender_params.sig";
            case RECIPIENT_RAND -> "recipient_rand";
        };
    }
}
