package io.livepeerpool.launcher.dev;

import io.livepeerpool.chain.dev.DevNetwork;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hardhat keeps no state across restarts, so a restarted {@code pool dev} gets a fresh chain whose rounds start low
 * again, while the ledger (rightly) ignores rounds it has already settled. To keep the dev pool settling, the fresh
 * chain is fast-forwarded (empty blocks, {@code hardhat_mine}) to the round after the last one settled.
 */
final class RoundContinuity {
    private static final Logger log = LoggerFactory.getLogger(RoundContinuity.class);

    private RoundContinuity() {
    }

    static void continueAfterLastSettlement(DevNetwork network, String jdbcUrl, String user, String password) {
        long lastSettled = lastSettledRound(jdbcUrl, user, password);
        BigInteger current = network.roundsManager().currentRound();
        if (lastSettled >= 0 && current.longValueExact() <= lastSettled) {
            while (network.roundsManager().currentRound().longValueExact() <= lastSettled) {
                network.roundAdvancer().mineToNextRound();
            }
            log.info("fresh dev chain fast-forwarded from round {} to round {} (rounds up to {} are settled)",
                    current, network.roundsManager().currentRound(), lastSettled);
        }
        network.roundAdvancer().ensureCurrentRoundInitialized();
    }

    /** The highest settled round in the read model, or -1 (first start: no table or no row yet). */
    private static long lastSettledRound(String jdbcUrl, String user, String password) {
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT coalesce(max(round), -1) FROM settlements")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException noTableYet) {
            return -1;
        }
    }
}
