package io.livepeerpool.launcher.dev.simulate;

import io.livepeerpool.chain.ticket.SignedTicket;
import io.livepeerpool.gateway.auth.RequestSigner;
import io.livepeerpool.launcher.bench.PinnedTls;
import io.livepeerpool.launcher.dev.DevCredentials;
import io.livepeerpool.platform.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/** The dev gateway as an orchestrator meets it: HTTPS pinned to its certificate, HMAC-signed JSON posts. */
public final class DevGatewayClient {
    private final HttpClient http;
    private final URI base;
    private final RequestSigner signer;

    public DevGatewayClient(DevCredentials c) throws Exception {
        this.http = HttpClient.newBuilder().sslContext(PinnedTls.trusting(Path.of(c.certificateFile())))
                .connectTimeout(Duration.ofSeconds(5)).build();
        this.base = URI.create(c.gatewayUrl());
        this.signer = RequestSigner.of(c.keyId(), c.secret());
    }

    public record Answer(int status, String body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    public Answer post(String path, Object json) throws IOException, InterruptedException {
        byte[] body = Json.mapper().writeValueAsBytes(json);
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        signer.headers("POST", path, body).forEach(request::header);
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }

    /** The JSON an orchestrator posts for a winning ticket it received. */
    public static Map<String, Object> winningTicket(SignedTicket t) {
        Map<String, Object> ticket = new LinkedHashMap<>();
        ticket.put("recipient", t.ticket().recipient().hex());
        ticket.put("sender", t.ticket().sender().hex());
        ticket.put("faceValue", t.ticket().faceValue().toString());
        ticket.put("winProb", t.ticket().winProb().toString());
        ticket.put("senderNonce", t.ticket().senderNonce().toString());
        ticket.put("recipientRandHash", t.ticket().recipientRandHash().hex());
        ticket.put("creationRound", t.ticket().creationRound().longValueExact());
        ticket.put("creationRoundBlockHash", t.ticket().creationRoundBlockHash().hex());
        ticket.put("sig", "0x" + HexFormat.of().formatHex(t.sig()));
        ticket.put("recipientRand", t.recipientRand().toString());
        return Map.of("winningTicket", ticket);
    }
}
