package io.livepeerpool.chain.dev;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Plain JSON-RPC to the anvil node for what web3j has no method for (anvil_mine, evm_snapshot, evm_setAutomine, ...). */
public final class AnvilRpc {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI url;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1) // no h2c upgrade: the node's WebSocket server would take it
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final AtomicLong ids = new AtomicLong();

    public AnvilRpc(String rpcUrl) {
        this.url = URI.create(rpcUrl);
    }

    /** Sends one request; returns its {@code result}, throws on a JSON-RPC error. */
    public JsonNode call(String method, Object... params) throws IOException, InterruptedException {
        ObjectNode request = JSON.createObjectNode()
                .put("jsonrpc", "2.0").put("id", ids.incrementAndGet()).put("method", method);
        request.set("params", JSON.valueToTree(params));
        HttpRequest httpRequest = HttpRequest.newBuilder(url)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(request)))
                .build();
        HttpResponse<String> response = http.send(httpRequest, HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(response.body());
        if (body.hasNonNull("error")) {
            throw new IOException(method + " failed: " + body.get("error"));
        }
        return body.get("result");
    }

    public long chainId() throws IOException, InterruptedException {
        return new BigInteger(call("eth_chainId").asText().substring(2), 16).longValueExact();
    }

    public List<String> accounts() throws IOException, InterruptedException {
        List<String> out = new ArrayList<>();
        call("eth_accounts").forEach(a -> out.add(a.asText().toLowerCase()));
        return out;
    }

    /** The code deployed at {@code address} at the latest block ({@code 0x} when there is none). */
    public String code(String address) throws IOException, InterruptedException {
        return call("eth_getCode", address, "latest").asText();
    }

    /** Mines {@code blocks} empty blocks at once (anvil_mine). */
    public void mine(long blocks) {
        if (blocks <= 0) {
            return;
        }
        try {
            call("anvil_mine", "0x" + Long.toHexString(blocks));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while mining", e);
        }
    }
}
