package io.livepeerpool.redeemer.grpc;

import static io.livepeerpool.redeemer.grpc.ProtoTicketsFixture.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.livepeerpool.devstack.SharedDevstack;
import io.livepeerpool.protocol.address.Address;
import io.livepeerpool.schemas.registry.SchemaRegistryClient;
import io.livepeerpool.schemas.serde.AvroSerde;
import io.livepeerpool.schemas.topics.Topics;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * QueueTicket when the broker does not answer: UNAVAILABLE within the ack timeout, well inside go-livepeer's 8 s call
 * deadline, so the orchestrator sees the real reason rather than DEADLINE_EXCEEDED. The broker is a closed port; the
 * registry is the devstack's (the ticket is encoded before it is sent).
 */
class KafkaUnavailableTest {

    @Test
    void aTicketKafkaDoesNotAcknowledgeIsUnavailable() throws Exception {
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        Duration ackTimeout = Duration.ofMillis(1_500);
        try (SchemaRegistryClient registry = SchemaRegistryClient.connect(SharedDevstack.get().schemaRegistryUrl());
             WinningTicketWriter writer = WinningTicketWriter.connect("127.0.0.1:" + deadPort,
                     AvroSerde.forTopic(Topics.WINNING_TICKETS, registry).serializer(), ackTimeout)) {
            Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0),
                            GrpcTls.selfSigned("localhost").credentials())
                    .addService(new TicketRedeemerEndpoint(Set.of(Address.parse(VECTOR_RECIPIENT)), writer, null))
                    .build().start();
            try (OrchestratorClient client = new OrchestratorClient("127.0.0.1:" + server.getPort())) {
                long started = System.nanoTime();
                assertThatThrownBy(() -> client.blocking().queueTicket(vector()))
                        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
                            assertThat(e.getStatus().getDescription()).startsWith("Kafka did not");
                        });
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(OrchestratorClient.CALL_TIMEOUT);

                // validation needs no broker: a bad ticket is still INVALID_ARGUMENT at once
                assertThatThrownBy(() -> client.blocking().queueTicket(vector().toBuilder().setRecipientRand(big(BigInteger.ONE)).build()))
                        .isInstanceOfSatisfying(StatusRuntimeException.class,
                                e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
            } finally {
                server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
    }
}
