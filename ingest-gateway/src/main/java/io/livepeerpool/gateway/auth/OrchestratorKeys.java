package io.livepeerpool.gateway.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.livepeerpool.platform.config.ConfigException;
import io.livepeerpool.platform.json.Json;
import io.livepeerpool.protocol.address.Address;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The HMAC keys of the pool's orchestrators, from the keys file:
 * <pre>{"keys":[{"keyId":"orch-a-2025","orchestrator":"0x...","secret":"&lt;hex, at least 32 bytes&gt;"}]}</pre>
 * Several keys may name the same orchestrator, so a secret is rotated by adding the new key, moving the
 * orchestrator over, then removing the old key. The orchestrator addresses are also the pool's ticket recipients.
 * The file is validated as a whole at start; every problem is reported at once, naming the key and field, never
 * the secret.
 */
public final class OrchestratorKeys {
    public static final int MIN_SECRET_BYTES = 32;
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final Pattern HEX = Pattern.compile("([0-9a-fA-F]{2})+");
    private static final Set<String> FIELDS = Set.of("keyId", "orchestrator", "secret");

    private final Map<String, OrchestratorKey> byId;
    private final Set<Address> orchestrators;

    private OrchestratorKeys(Map<String, OrchestratorKey> byId) {
        this.byId = Map.copyOf(byId);
        this.orchestrators = Collections.unmodifiableSortedSet(
                new TreeSet<>(byId.values().stream().map(OrchestratorKey::orchestrator).toList()));
    }

    public static OrchestratorKeys of(List<OrchestratorKey> keys) {
        Map<String, OrchestratorKey> byId = new LinkedHashMap<>();
        for (OrchestratorKey key : keys) {
            if (byId.put(key.keyId(), key) != null) {
                throw new IllegalArgumentException("duplicate key id " + key.keyId());
            }
        }
        return new OrchestratorKeys(byId);
    }

    public static OrchestratorKeys load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(List.of("keys file " + file + ": cannot be read (" + e.getMessage() + ")"));
        }
        return parse(text, "keys file " + file);
    }

    /** Parses keys-file JSON; {@code source} prefixes every problem (e.g. "keys file /etc/pool/keys.json"). */
    public static OrchestratorKeys parse(String json, String source) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            // The parser's message may quote the file's text, secrets included: report the position only.
            throw new ConfigException(List.of(source + ": not valid JSON (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")"));
        }
        List<String> problems = new ArrayList<>();
        JsonNode keys = root == null ? null : root.get("keys");
        if (keys == null || !keys.isArray() || keys.isEmpty()) {
            throw new ConfigException(List.of(source + ": must be an object with a non-empty array \"keys\""));
        }
        Map<String, OrchestratorKey> byId = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            OrchestratorKey key = parseKey(keys.get(i), source + ": keys[" + i + "]", problems);
            if (key != null && byId.putIfAbsent(key.keyId(), key) != null) {
                problems.add(source + ": keys[" + i + "] (keyId '" + key.keyId() + "'): keyId is used twice");
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new OrchestratorKeys(byId);
    }

    private static OrchestratorKey parseKey(JsonNode node, String where, List<String> problems) {
        if (!node.isObject()) {
            problems.add(where + ": must be an object with keyId, orchestrator, secret");
            return null;
        }
        int before = problems.size();
        String keyId = text(node, "keyId");
        String label = keyId != null && KEY_ID.matcher(keyId).matches() ? where + " (keyId '" + keyId + "')" : where;
        if (keyId == null || !KEY_ID.matcher(keyId).matches()) {
            problems.add(label + ": keyId must be 1-64 of [A-Za-z0-9._:-]");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                problems.add(label + ": unknown field '" + name + "' (expected keyId, orchestrator, secret)");
            }
        }
        Address orchestrator = null;
        try {
            orchestrator = Address.parse(text(node, "orchestrator"));
        } catch (IllegalArgumentException e) {
            problems.add(label + ": orchestrator " + e.getMessage());
        }
        String secret = text(node, "secret");
        if (secret == null || !HEX.matcher(secret).matches() || secret.length() < 2 * MIN_SECRET_BYTES) {
            problems.add(label + ": secret must be hex of at least " + MIN_SECRET_BYTES + " bytes ("
                    + 2 * MIN_SECRET_BYTES + " hex digits)");
        }
        if (problems.size() > before) {
            return null;
        }
        return new OrchestratorKey(keyId, orchestrator, HexFormat.of().parseHex(secret));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.textValue() : null;
    }

    public Optional<OrchestratorKey> find(String keyId) {
        return keyId == null ? Optional.empty() : Optional.ofNullable(byId.get(keyId));
    }

    /** The pool's orchestrator addresses (distinct, sorted). */
    public Set<Address> orchestrators() {
        return orchestrators;
    }

    public boolean isOrchestrator(Address address) {
        return orchestrators.contains(address);
    }

    public int size() {
        return byId.size();
    }
}
