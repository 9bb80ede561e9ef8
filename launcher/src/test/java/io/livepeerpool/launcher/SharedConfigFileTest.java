package io.livepeerpool.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livepeerpool.ledger.streams.LedgerConfig;
import io.livepeerpool.platform.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One configuration file for the whole pool (what {@code pool dev} writes as {@code pool.properties}): a command
 * reads its own keys from it and leaves the other services' keys alone, while a key no pool service knows is still
 * refused by name.
 */
class SharedConfigFileTest {
    private static final String POOL_FILE = """
            kafka.bootstrapServers=127.0.0.1:9092
            schemaRegistry.url=http://127.0.0.1:8081/apis/ccompat/v7
            db.jdbcUrl=jdbc:postgresql://127.0.0.1:5432/pool
            db.user=pool
            db.password=secret
            gateway.port=8443
            gateway.host=127.0.0.1
            chain.rpcUrl=http://127.0.0.1:8545
            redeemer.grpc.port=8935
            maxFloat.stateDir=/tmp/max-float
            ledger.stateDir=/tmp/ledger
            ledger.poolFeePpm=40000
            ledger.orchestrators=0x6000000000000000000000000000000000000006
            """;

    @Test
    void aLedgerCommandReadsItsKeysFromTheWholePoolsFile(@TempDir Path dir) throws Exception {
        ConfigOptions options = new ConfigOptions();
        options.file = Files.writeString(dir.resolve("pool.properties"), POOL_FILE);

        LedgerConfig ledger = LedgerConfig.from(options.load("ledger audit", LedgerConfig.KEYS));

        assertThat(ledger.bootstrapServers()).isEqualTo("127.0.0.1:9092");
        assertThat(ledger.policy().poolFeePpm()).isEqualTo(40_000);
    }

    @Test
    void aKeyNoServiceKnowsIsStillRefusedByName(@TempDir Path dir) throws Exception {
        ConfigOptions options = new ConfigOptions();
        options.file = Files.writeString(dir.resolve("pool.properties"), POOL_FILE + "ledger.poolFeePPM=1\n");

        assertThatThrownBy(() -> options.load("ledger audit", LedgerConfig.KEYS))
                .isInstanceOf(ConfigException.class).hasMessageContaining("ledger.poolFeePPM: unknown key");
    }
}
