package io.livepeerpool.gateway.dashboard;

import io.livepeerpool.platform.config.Config;
import io.livepeerpool.platform.config.ConfigException;
import io.livepeerpool.platform.config.ConfigKey;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The dashboard's configuration: whether it is served, where transaction links point, whose health it shows. */
public record DashboardSettings(boolean enabled, String explorerTxUrl, Map<String, URI> services) {

    public static final ConfigKey<Boolean> ENABLED = ConfigKey.bool("dashboard.enabled", true,
            "serve the public read-only dashboard at / (static files built into the jar; reads the public API only)");
    public static final ConfigKey<String> EXPLORER_TX_URL = ConfigKey.string("dashboard.explorerTxUrl", "",
            "prefix of a transaction's explorer page, e.g. https://arbiscan.io/tx/; empty (the dev chain): the bare hash");
    public static final ConfigKey<String> SERVICES = ConfigKey.string("dashboard.services", "",
            "name=opsUrl pairs, comma-separated (e.g. ledger=http://ledger:9400): the ops endpoints whose /health/ready"
                    + " the dashboard shows; polled by the gateway, never by browsers");
    public static final List<ConfigKey<?>> KEYS = List.of(ENABLED, EXPLORER_TX_URL, SERVICES);

    public static DashboardSettings from(Config config) {
        return new DashboardSettings(config.get(ENABLED), config.get(EXPLORER_TX_URL).trim(), services(config.get(SERVICES)));
    }

    static Map<String, URI> services(String text) {
        Map<String, URI> services = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (String pair : text.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq > 0 ? pair.substring(0, eq).trim() : "";
            String url = eq > 0 ? pair.substring(eq + 1).trim() : "";
            try {
                URI uri = URI.create(url);
                if (name.isEmpty() || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                    throw new IllegalArgumentException("not name=http(s)://host:port");
                }
                services.put(name, uri);
            } catch (IllegalArgumentException e) {
                problems.add(SERVICES.name() + ": '" + pair.trim() + "' is not name=http(s)://host:port");
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return Map.copyOf(services);
    }
}
