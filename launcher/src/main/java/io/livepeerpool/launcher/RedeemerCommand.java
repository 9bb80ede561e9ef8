package io.livepeerpool.launcher;

import io.livepeerpool.redeemer.grpc.GrpcRedeemerConfig;
import io.livepeerpool.redeemer.grpc.TicketRedeemerServer;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code pool redeemer}: the redeemer worker as its own process. On this branch it runs the gRPC TicketRedeemer only;
 * the redemption worker joins it in the same command.
 */
@Command(name = "redeemer", mixinStandardHelpOptions = true,
        description = "Run the redeemer worker: go-livepeer's TicketRedeemer gRPC service (-redeemerAddr) for the pool's orchestrators.")
final class RedeemerCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions config;

    @Override
    public Integer call() throws Exception {
        var grpc = GrpcRedeemerConfig.load(config.source());
        config.log("redeemer (gRPC)", grpc);
        return ServiceHost.run(List.of(TicketRedeemerServer.fromConfig(grpc)));
    }
}
