package io.livepeerpool.chain.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.livepeerpool.chain.abi.Abi;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.StreamSupport;

/**
 * A compiled contract from this jar's classpath ({@code /contracts/<Name>.json}, written by scripts/compile.mjs at
 * build time): its ABI and creation bytecode, plus canonical signatures derived from the ABI.
 */
public final class ContractArtifact {
    public static final String TICKET_BROKER = "TicketBroker";
    public static final String ROUNDS_MANAGER = "RoundsManager";
    public static final String BONDING_MANAGER = "BondingManager";
    public static final String POOL_PAYOUTS = "PoolPayouts";
    /** Test fixture: a payee that rejects ETH. */
    public static final String REFUSING_PAYEE = "RefusingPayee";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, ContractArtifact> CACHE = new ConcurrentHashMap<>();

    private final String name;
    private final JsonNode abi;
    private final String bytecode;

    private ContractArtifact(String name, JsonNode abi, String bytecode) {
        this.name = name;
        this.abi = abi;
        this.bytecode = bytecode;
    }

    /** Loads {@code /contracts/<name>.json}; fails clearly when the module was built without its contracts. */
    public static ContractArtifact load(String name) {
        return CACHE.computeIfAbsent(name, ContractArtifact::read);
    }

    private static ContractArtifact read(String name) {
        String resource = "/contracts/" + name + ".json";
        try (InputStream in = ContractArtifact.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the classpath: build the chain module with Maven"
                        + " (it compiles chain/contracts/*.sol with solc-js into target/classes/contracts)");
            }
            JsonNode root = JSON.readTree(in);
            return new ContractArtifact(name, root.get("abi"), root.get("bytecode").asText());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    public String name() {
        return name;
    }

    /** Creation bytecode, 0x-prefixed. */
    public String bytecode() {
        return bytecode;
    }

    public JsonNode abi() {
        return abi;
    }

    /** Canonical signatures of all functions in the ABI, e.g. {@code withdrawFees(address,uint256)}. */
    public List<String> functionSignatures() {
        return signatures("function");
    }

    /** Canonical signatures of all events in the ABI, e.g. {@code NewRound(uint256,bytes32)}. */
    public List<String> eventSignatures() {
        return signatures("event");
    }

    /** The canonical signature of the single function or event called {@code entryName}. */
    public String signature(String kind, String entryName) {
        List<String> found = entries(kind).stream()
                .filter(e -> e.get("name").asText().equals(entryName))
                .map(ContractArtifact::canonical)
                .toList();
        if (found.size() != 1) {
            throw new IllegalArgumentException(name + " has " + found.size() + " " + kind + "s named " + entryName);
        }
        return found.get(0);
    }

    public String selector(String functionName) {
        return Abi.selector(signature("function", functionName));
    }

    public String topic(String eventName) {
        return Abi.topic(signature("event", eventName));
    }

    private List<String> signatures(String kind) {
        return entries(kind).stream().map(ContractArtifact::canonical).toList();
    }

    private List<JsonNode> entries(String kind) {
        return StreamSupport.stream(abi.spliterator(), false)
                .filter(e -> kind.equals(e.path("type").asText()))
                .toList();
    }

    private static String canonical(JsonNode entry) {
        return entry.get("name").asText() + params(entry.get("inputs"));
    }

    private static String params(JsonNode params) {
        List<String> types = new ArrayList<>();
        for (JsonNode p : params) {
            types.add(type(p));
        }
        return "(" + String.join(",", types) + ")";
    }

    /** Tuples are written out as {@code (component,types)}, keeping any array suffix. */
    private static String type(JsonNode param) {
        String type = param.get("type").asText();
        if (type.startsWith("tuple")) {
            return params(param.get("components")) + type.substring("tuple".length());
        }
        return type;
    }
}
