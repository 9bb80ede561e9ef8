package io.livepeerpool.gateway.dashboard;

import io.javalin.http.Context;
import java.util.Map;

/** {@code GET /getServicesHealth}: each pool service's last polled state, for the dashboard's pool page. */
public final class DashboardEndpoints {
    private final ServiceHealthBoard board;

    public DashboardEndpoints(ServiceHealthBoard board) {
        this.board = board;
    }

    /** Starts polling; the server calls it once its own health checks run, so the gateway is never reported early. */
    public void start() {
        board.start();
    }

    public void getServicesHealth(Context ctx) {
        ctx.json(Map.of("services", board.states()));
    }
}
