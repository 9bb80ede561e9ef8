package io.livepeerpool.launcher;

import io.livepeerpool.gateway.GatewayConfig;
import io.livepeerpool.gateway.GatewayServer;
import io.livepeerpool.platform.config.ConfigKey;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code pool gateway}: the HTTPS ingest gateway and public read API, as its own process. */
@Command(name = "gateway", mixinStandardHelpOptions = true,
        description = "Run the HTTPS ingest gateway (HMAC-signed writes to Kafka, public reads from PostgreSQL).")
final class GatewayCommand implements Callable<Integer>, ServiceCommand {

    @Mixin
    ConfigOptions config;

    @Override
    public List<ConfigKey<?>> declaredKeys() {
        return GatewayConfig.keys();
    }

    @Override
    public Integer call() throws Exception {
        var loaded = GatewayConfig.load(config.source());
        config.log("gateway", loaded);
        return ServiceHost.run(List.of(GatewayServer.fromConfig(loaded)), loaded);
    }
}
