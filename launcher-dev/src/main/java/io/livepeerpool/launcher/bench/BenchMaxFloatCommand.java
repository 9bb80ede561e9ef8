package io.livepeerpool.launcher.bench;

import com.google.protobuf.ByteString;
import io.grpc.Context;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import io.grpc.netty.shaded.io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.grpc.stub.StreamObserver;
import io.livepeerpool.chain.contracts.TicketBrokerClient;
import io.livepeerpool.chain.tx.ChainReader;
import io.livepeerpool.chain.tx.Transactor;
import io.livepeerpool.launcher.UserInputException;
import io.livepeerpool.launcher.dev.DevCredentials;
import io.livepeerpool.protocol.address.Address;
import io.livepeerpool.redeemer.grpc.proto.MaxFloatReq;
import io.livepeerpool.redeemer.grpc.proto.MaxFloatUpdate;
import io.livepeerpool.redeemer.grpc.proto.TicketRedeemerGrpc;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code pool bench max-float}: the whole max float path an orchestrator depends on, measured end to end against a
 * running {@code pool dev}: a sender's funding transaction (DepositFunded and ReserveFunded in one transaction) is
 * mined, confirmed by the chain watcher, applied by the max float topology, published to {@code pool.max-float}, and
 * pushed by the redeemer's gRPC {@code MonitorMaxFloat} to a subscribed client, as go-livepeer's orchestrator would
 * hold it. The baseline, in the same run, is the funding transaction alone (send to receipt): what the chain costs.
 * A deposit alone does not change max float while nothing is in flight (go-livepeer's formula), so each sample also
 * adds to the reserve, which always does.
 */
@Command(name = "max-float", mixinStandardHelpOptions = true,
        description = "Funding transaction -> new value on a MonitorMaxFloat stream, p50/p99, against a running pool dev.")
public final class BenchMaxFloatCommand implements Callable<Integer> {

    @Option(names = "--credentials", paramLabel = "FILE", defaultValue = ".pool-dev/dev-credentials.json",
            description = "dev-credentials.json of a running `pool dev` (default: ${DEFAULT-VALUE}).")
    Path credentialsFile;

    @Option(names = "--samples", defaultValue = "50", description = "Funding transactions, one at a time (default: ${DEFAULT-VALUE}).")
    int samples;

    private static final long ARRIVAL_TIMEOUT_MS = 30_000;

    @Override
    public Integer call() throws Exception {
        if (!Files.exists(credentialsFile)) {
            throw new UserInputException(credentialsFile + ": not found; start `./pool dev` first (or pass --credentials)");
        }
        DevCredentials dev = DevCredentials.read(credentialsFile);
        if (dev.redeemerGrpcAddress() == null || dev.chainRpcUrl() == null) {
            throw new UserInputException(credentialsFile + ": no redeemerGrpcAddress or chainRpcUrl; restart `./pool dev`");
        }
        DevCredentials.Account account = dev.accounts().get("broadcaster");
        Web3j web3j = Web3j.build(new HttpService(dev.chainRpcUrl()));
        ManagedChannel channel = Grpc.newChannelBuilder(dev.redeemerGrpcAddress(), TlsChannelCredentials.newBuilder()
                .trustManager(InsecureTrustManagerFactory.INSTANCE.getTrustManagers()).build()).build();
        Context.CancellableContext stream = Context.current().withCancellation();
        try {
            TicketBrokerClient broker = new TicketBrokerClient(new ChainReader(web3j),
                    Address.parse(dev.contracts().get("ticketBroker")));
            Transactor sender = new Transactor(web3j, Credentials.create(account.privateKey()), dev.chainId());
            BlockingQueue<BigInteger> arrivals = new LinkedBlockingQueue<>();
            stream.run(() -> TicketRedeemerGrpc.newStub(channel).monitorMaxFloat(MaxFloatReq.newBuilder()
                    .setSender(ByteString.fromHex(account.address().substring(2).toLowerCase(Locale.ROOT))).build(),
                    collect(arrivals)));
            Thread.sleep(1_000); // the subscription registers when the call reaches the server
            Histogram chain = new Histogram(TimeUnit.MINUTES.toMicros(1), 3);
            Histogram total = new Histogram(TimeUnit.MINUTES.toMicros(1), 3);
            BigInteger wei = BigInteger.valueOf(1_000_000_000L);
            for (int i = 0; i < samples; i++) {
                arrivals.clear();
                long start = System.nanoTime();
                broker.fundDepositAndReserve(sender, wei, wei).requireSuccess("fundDepositAndReserve");
                chain.recordValue(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start));
                if (arrivals.poll(ARRIVAL_TIMEOUT_MS, TimeUnit.MILLISECONDS) == null) {
                    throw new IllegalStateException("no MonitorMaxFloat update within " + ARRIVAL_TIMEOUT_MS
                            + " ms of sample " + i + ": are the chain watcher, max float and redeemer running?");
                }
                total.recordValue(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start));
            }
            System.out.println(String.format(Locale.ROOT,
                    "funding tx, send -> receipt (baseline): p50 %.1f ms, p99 %.1f ms",
                    chain.getValueAtPercentile(50) / 1000.0, chain.getValueAtPercentile(99) / 1000.0));
            System.out.println(String.format(Locale.ROOT,
                    "funding tx -> MonitorMaxFloat update (%d samples): p50 %.1f ms, p99 %.1f ms, max %.1f ms"
                            + "  (p99 %.1fx the baseline's)", samples,
                    total.getValueAtPercentile(50) / 1000.0, total.getValueAtPercentile(99) / 1000.0,
                    total.getMaxValue() / 1000.0,
                    (double) total.getValueAtPercentile(99) / Math.max(1, chain.getValueAtPercentile(99))));
            return 0;
        } finally {
            stream.cancel(null);
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            web3j.shutdown();
        }
    }

    private static StreamObserver<MaxFloatUpdate> collect(BlockingQueue<BigInteger> arrivals) {
        return new StreamObserver<>() {
            @Override
            public void onNext(MaxFloatUpdate update) {
                arrivals.add(new BigInteger(1, update.getMaxFloat().toByteArray()));
            }

            @Override
            public void onError(Throwable t) {
                // cancelled at the end of the run
            }

            @Override
            public void onCompleted() {
            }
        };
    }
}
