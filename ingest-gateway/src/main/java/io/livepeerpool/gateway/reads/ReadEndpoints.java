package io.livepeerpool.gateway.reads;

import io.javalin.http.Context;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The public reads (no authentication). Lists are {@code {"<items>": [...], "nextBefore": token-or-null}}, newest
 * first; the balance is one object. Parameters are checked before the database is read ({@code transcoderAddress},
 * then {@code limit}, then {@code before}: 400 naming the first bad one). A database failure is a
 * {@link SQLException}, answered 503 by the error mapping.
 */
public final class ReadEndpoints {

    /** The read-model queries the endpoints answer from. */
    public record Reads(JobReads jobs, RewardReads rewards, SettlementReads settlements, PayoutReads payouts,
            BalanceReads balances) {
    }

    private final Reads reads;

    public ReadEndpoints(Reads reads) {
        this.reads = reads;
    }

    public void getTranscodersJobs(Context ctx) throws SQLException {
        ctx.json(body("jobs", reads.jobs().recent(null, PageRequest.of(ctx, JobReads.ORDER))));
    }

    public void getTranscoderJobs(Context ctx) throws SQLException {
        ctx.json(body("jobs", reads.jobs().recent(PageRequest.transcoder(ctx), PageRequest.of(ctx, JobReads.ORDER))));
    }

    /** Allocations of every transcoder settled in the last 30 days. */
    public void getRewards(Context ctx) throws SQLException {
        ctx.json(body("rewards", reads.rewards().recent(PageRequest.of(ctx, RewardReads.POOL_ORDER))));
    }

    public void getTranscoderRewards(Context ctx) throws SQLException {
        ctx.json(body("rewards", reads.rewards().ofTranscoder(PageRequest.transcoder(ctx),
                PageRequest.of(ctx, RewardReads.TRANSCODER_ORDER))));
    }

    public void getSettlements(Context ctx) throws SQLException {
        ctx.json(body("settlements", reads.settlements().all(PageRequest.of(ctx, SettlementReads.ORDER))));
    }

    /** Payout requests and their outcome, last 30 days. */
    public void getPayouts(Context ctx) throws SQLException {
        ctx.json(body("payouts", reads.payouts().recent(PageRequest.of(ctx, PayoutReads.ORDER))));
    }

    public void getTranscoderPayouts(Context ctx) throws SQLException {
        ctx.json(body("payouts", reads.payouts().ofTranscoder(PageRequest.transcoder(ctx), PageRequest.of(ctx, PayoutReads.ORDER))));
    }

    public void getTranscoderBalance(Context ctx) throws SQLException {
        ctx.json(reads.balances().of(PageRequest.transcoder(ctx)));
    }

    private static Map<String, Object> body(String name, Page<?> page) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(name, page.items());
        body.put("nextBefore", page.nextBefore());
        return body;
    }
}
