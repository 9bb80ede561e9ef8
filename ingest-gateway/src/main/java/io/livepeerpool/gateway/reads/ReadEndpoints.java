package io.livepeerpool.gateway.reads;

import io.javalin.http.Context;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The public reads (no authentication): {@code {"jobs"|"rewards": [...], "nextBefore": token-or-null}}. A
 * database failure is a {@link SQLException}, answered 503 by the error mapping.
 */
public final class ReadEndpoints {
    private final JobReads jobs;
    private final RewardReads rewards;

    public ReadEndpoints(JobReads jobs, RewardReads rewards) {
        this.jobs = jobs;
        this.rewards = rewards;
    }

    public void getTranscodersJobs(Context ctx) throws SQLException {
        ctx.json(body("jobs", jobs.recent(null, PageRequest.of(ctx))));
    }

    public void getTranscoderJobs(Context ctx) throws SQLException {
        ctx.json(body("jobs", jobs.recent(PageRequest.transcoder(ctx), PageRequest.of(ctx))));
    }

    public void getRewards(Context ctx) throws SQLException {
        ctx.json(body("rewards", rewards.recent(PageRequest.of(ctx))));
    }

    public void getTranscoderRewards(Context ctx) throws SQLException {
        ctx.json(body("rewards", rewards.ofTranscoder(PageRequest.transcoder(ctx), PageRequest.of(ctx))));
    }

    private static Map<String, Object> body(String name, Page<?> page) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(name, page.items());
        body.put("nextBefore", page.nextBefore());
        return body;
    }
}
