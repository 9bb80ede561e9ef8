package io.livepeerpool.gateway;

import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;

import io.javalin.router.Endpoint;
import io.livepeerpool.gateway.dashboard.DashboardEndpoints;
import io.livepeerpool.gateway.http.BenchAckedWrite;
import io.livepeerpool.gateway.http.BenchBaseline;
import io.livepeerpool.gateway.http.OpsEndpoints;
import io.livepeerpool.gateway.jobs.JobEndpoints;
import io.livepeerpool.gateway.payouts.PayoutSettingsEndpoints;
import io.livepeerpool.gateway.reads.ReadEndpoints;
import io.livepeerpool.gateway.reads.TranscoderEndpoints;
import io.livepeerpool.gateway.registration.RegistrationEndpoints;
import io.livepeerpool.gateway.reads.WinningTicketEndpoints;
import io.livepeerpool.gateway.status.StatusEndpoint;
import io.livepeerpool.gateway.tickets.TicketEndpoints;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Every endpoint of the gateway, in one place; the server registers exactly these and the tests check them. */
public final class GatewayRoutes {

    /** The handler objects the routes point into. */
    public record Handlers(JobEndpoints jobs, TicketEndpoints tickets, ReadEndpoints reads, OpsEndpoints ops,
            StatusEndpoint status, Optional<BenchAckedWrite> bench, WinningTicketEndpoints winningTickets,
            DashboardEndpoints dashboard, RegistrationEndpoints registrations, TranscoderEndpoints transcoders,
            PayoutSettingsEndpoints payoutSettings) {
    }

    private GatewayRoutes() {
    }

    public static List<Endpoint> routes(Handlers h) {
        List<Endpoint> routes = new ArrayList<>(List.of(
                // writes: HMAC-signed JSON, 202 once Kafka acknowledged
                new Endpoint(POST, "/recordTranscoderJob", h.jobs()::recordTranscoderJob),
                new Endpoint(POST, "/recordTranscoderJobs", h.jobs()::recordTranscoderJobs),
                new Endpoint(POST, "/recordWinningTicket", h.tickets()::recordWinningTicket),
                new Endpoint(POST, "/registerTranscoder", h.registrations()::registerTranscoder),
                // a member's own write: signed with its Ethereum key (EIP-712), 202 once Kafka acknowledged
                new Endpoint(POST, "/setPayoutSettings", h.payoutSettings()::setPayoutSettings),
                // public reads from the read model
                new Endpoint(GET, "/getTranscodersJobs", h.reads()::getTranscodersJobs),
                new Endpoint(GET, "/getTranscoderJobs", h.reads()::getTranscoderJobs),
                new Endpoint(GET, "/getRewards", h.reads()::getRewards),
                new Endpoint(GET, "/getTranscoderRewards", h.reads()::getTranscoderRewards),
                new Endpoint(GET, "/getSettlements", h.reads()::getSettlements),
                new Endpoint(GET, "/getPayouts", h.reads()::getPayouts),
                new Endpoint(GET, "/getTranscoderPayouts", h.reads()::getTranscoderPayouts),
                new Endpoint(GET, "/getTranscoderBalance", h.reads()::getTranscoderBalance),
                new Endpoint(GET, "/getPayoutSettings", h.payoutSettings()::getPayoutSettings),
                new Endpoint(GET, "/getWinningTickets", h.winningTickets()::getWinningTickets),
                new Endpoint(GET, "/getWinningTicket", h.winningTickets()::getWinningTicket),
                new Endpoint(GET, "/getTranscoderStatus", h.transcoders()::getTranscoderStatus),
                new Endpoint(GET, "/getTranscoders", h.transcoders()::getTranscoders),
                // operations
                // operations: minimal and cached here; details and /metrics on the private ops listener
                new Endpoint(GET, "/health", h.ops()::getHealth),
                new Endpoint(GET, "/health/live", h.ops()::getLive),
                new Endpoint(GET, "/status", h.status()::getStatus),
                new Endpoint(GET, "/getServicesHealth", h.dashboard()::getServicesHealth),
                new Endpoint(GET, "/openapi.json", h.ops()::getOpenApi)));
        h.bench().ifPresent(acked -> {
            // benchmark aids (pool bench ingest), off by default and absent from the OpenAPI document
            routes.add(new Endpoint(POST, "/bench/baseline", BenchBaseline::accept));
            routes.add(new Endpoint(POST, "/bench/acked", acked::accept));
        });
        return List.copyOf(routes);
    }
}
