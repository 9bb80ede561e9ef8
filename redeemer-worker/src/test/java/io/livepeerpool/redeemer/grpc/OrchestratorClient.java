package io.livepeerpool.redeemer.grpc;

import io.grpc.ChannelCredentials;
import io.grpc.ConnectivityState;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import io.grpc.netty.shaded.io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.livepeerpool.redeemer.grpc.proto.TicketRedeemerGrpc;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * A client of the generated stubs that calls as go-livepeer's orchestrator does with {@code -redeemerAddr}: TLS with
 * certificate verification off, a blocking connect bounded by 3 s, and an 8 s deadline on every call.
 */
final class OrchestratorClient implements AutoCloseable {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(8);

    private final ManagedChannel channel;

    OrchestratorClient(String address) throws InterruptedException {
        ChannelCredentials tls = TlsChannelCredentials.newBuilder()
                .trustManager(InsecureTrustManagerFactory.INSTANCE.getTrustManagers()).build();
        channel = Grpc.newChannelBuilder(address, tls).build();
        awaitReady();
    }

    private void awaitReady() throws InterruptedException {
        Instant deadline = Instant.now().plus(CONNECT_TIMEOUT);
        ConnectivityState state = channel.getState(true);
        while (state != ConnectivityState.READY) {
            if (Instant.now().isAfter(deadline)) {
                close();
                throw new IllegalStateException("not connected within " + CONNECT_TIMEOUT + " (" + state + ")");
            }
            Thread.sleep(10);
            state = channel.getState(true);
        }
    }

    /** A blocking stub with go-livepeer's per-call deadline (set per call: a stub's deadline is absolute). */
    TicketRedeemerGrpc.TicketRedeemerBlockingStub blocking() {
        return TicketRedeemerGrpc.newBlockingStub(channel).withDeadlineAfter(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The async stub for MonitorMaxFloat: go-livepeer keeps that stream open without a deadline. */
    TicketRedeemerGrpc.TicketRedeemerStub async() {
        return TicketRedeemerGrpc.newStub(channel);
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
}
