package io.livepeerpool.gateway.status;

import io.javalin.http.Context;
import io.livepeerpool.chainwatcher.status.ChainStatus;
import io.livepeerpool.chainwatcher.status.ChainStatusSnapshot;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /status}: where the pool stands on the chain: the current round, the chain head, the last block the
 * chain watcher has emitted (every log up to it is in Kafka), the lag between them, and the contracts in use.
 * Always 200: a source that cannot be read gives null fields and an {@code error} naming it, because /status is
 * what an operator opens when something is wrong.
 */
public final class StatusEndpoint {
    private final Optional<ChainStatus> chain;
    private final String explorerTxUrl;

    /** @param explorerTxUrl prefix of a transaction's explorer page (empty on the dev chain), for the dashboard's links */
    public StatusEndpoint(Optional<ChainStatus> chain, String explorerTxUrl) {
        this.chain = chain;
        this.explorerTxUrl = explorerTxUrl;
    }

    public void getStatus(Context ctx) {
        Map<String, Object> body = chain.map(status -> body(status.current()))
                .orElseGet(() -> body(new ChainStatusSnapshot(null, null, null, null, null, Map.of(),
                        "chain not configured (set chain.rpcUrl and the contract addresses or chain.preset)")));
        body.put("explorerTxUrl", explorerTxUrl);
        ctx.json(body);
    }

    private static Map<String, Object> body(ChainStatusSnapshot s) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("round", s.round());
        body.put("lastInitializedRound", s.lastInitializedRound());
        body.put("chainHead", s.chainHead());
        body.put("confirmedBlock", s.confirmedBlock());
        body.put("lagBlocks", s.lagBlocks());
        body.put("contracts", s.contracts());
        body.put("error", s.error());
        return body;
    }
}
