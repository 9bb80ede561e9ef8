package io.livepeerpool.launcher.compose;

import static org.assertj.core.api.Assertions.assertThat;

import io.livepeerpool.launcher.Pool;
import io.livepeerpool.launcher.ServiceCommand;
import io.livepeerpool.platform.config.ConfigKey;
import io.livepeerpool.platform.config.ConfigSource;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import picocli.CommandLine;

/**
 * The production compose file, checked without a Docker engine: every pool service's {@code POOL_*} variables are keys
 * its command declares, every required key is set, every secret key comes from a file under /run/secrets that the
 * service mounts, every declared secret is used, and the Kafka cluster and topics are laid out as the issue asks.
 */
class ComposeFileTest {
    private static final Path COMPOSE = Path.of("..", "docker", "compose.yml");
    private static final String POOL_IMAGE = "livepeer-pool";
    private static final Pattern SECRET_PATH = Pattern.compile("/run/secrets/([A-Za-z0-9_.-]+)");

    private static Map<String, Object> compose;
    private static Map<String, Map<String, Object>> services;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void load() throws Exception {
        try (Reader in = Files.newBufferedReader(COMPOSE, StandardCharsets.UTF_8)) {
            compose = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        }
        services = (Map<String, Map<String, Object>>) compose.get("services");
    }

    private static Map<String, Map<String, Object>> poolServices() {
        Map<String, Map<String, Object>> pool = new LinkedHashMap<>();
        services.forEach((name, service) -> {
            if (POOL_IMAGE.equals(service.get("image"))) {
                pool.put(name, service);
            }
        });
        return pool;
    }

    @SuppressWarnings("unchecked")
    private static List<String> list(Object value) {
        return value == null ? List.of() : value instanceof List<?> l ? (List<String>) l : List.of(value.toString());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> environment(Map<String, Object> service) {
        Map<String, String> env = new LinkedHashMap<>();
        Object raw = service.get("environment");
        if (raw instanceof Map<?, ?> m) {
            ((Map<String, Object>) m).forEach((k, v) -> env.put(k, v == null ? "" : v.toString()));
        }
        return env;
    }

    /** The pool subcommand a service runs: its command's words before the first option. */
    private static Optional<ServiceCommand> command(Map<String, Object> service) {
        CommandLine cli = Pool.commandLine();
        for (String word : list(service.get("command"))) {
            if (word.startsWith("-")) {
                break;
            }
            cli = cli.getSubcommands().get(word);
            if (cli == null) {
                return Optional.empty();
            }
        }
        return cli.getCommand() instanceof ServiceCommand s ? Optional.of(s) : Optional.empty();
    }

    @Test
    void everyServiceOfThePoolIsThere() {
        assertThat(poolServices().keySet()).contains("gateway", "projector", "ledger", "chain-watcher", "redeemer",
                "max-float", "performance", "payouts", "topics");
    }

    @Test
    void everyPoolServiceRunsACommandThatDeclaresItsKeys() {
        poolServices().forEach((name, service) ->
                assertThat(command(service)).as("service %s runs %s, a pool command that declares its keys", name,
                        service.get("command")).isPresent());
    }

    @Test
    void everyVariableIsADeclaredKeyAndEveryRequiredKeyIsSet() {
        List<String> problems = new ArrayList<>();
        poolServices().forEach((name, service) -> {
            List<ConfigKey<?>> keys = command(service).orElseThrow().declaredKeys();
            Map<String, String> env = environment(service);
            Set<String> known = new LinkedHashSet<>();
            for (ConfigKey<?> key : keys) {
                known.add(ConfigSource.envName(key.name()));
                known.add(ConfigSource.envName(key.name() + ".file"));
            }
            env.keySet().stream().filter(v -> v.startsWith("POOL_") && !known.contains(v))
                    .forEach(v -> problems.add(name + ": " + v + " is no key of `pool " + service.get("command") + "`"));
            for (ConfigKey<?> key : keys) {
                boolean set = env.containsKey(ConfigSource.envName(key.name()))
                        || env.containsKey(ConfigSource.envName(key.name() + ".file"));
                if (key.required() && !set) {
                    problems.add(name + ": required key " + key.name() + " is not set");
                }
                if (key.secret() && env.containsKey(ConfigSource.envName(key.name()))) {
                    problems.add(name + ": secret " + key.name() + " is given inline; give "
                            + ConfigSource.envName(key.name() + ".file") + " pointing into /run/secrets");
                }
            }
        });
        assertThat(problems).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void everySecretIsDeclaredMountedAndUsed() {
        Map<String, Object> declared = (Map<String, Object>) compose.get("secrets");
        Set<String> used = new TreeSet<>();
        List<String> problems = new ArrayList<>();
        services.forEach((name, service) -> {
            List<String> mounted = list(service.get("secrets"));
            used.addAll(mounted);
            mounted.stream().filter(s -> !declared.containsKey(s))
                    .forEach(s -> problems.add(name + " mounts undeclared secret " + s));
            Set<String> read = new TreeSet<>();
            Matcher m = SECRET_PATH.matcher(service.toString());
            while (m.find()) {
                read.add(m.group(1));
                if (!mounted.contains(m.group(1))) {
                    problems.add(name + " reads /run/secrets/" + m.group(1) + " but does not mount it");
                }
            }
            if (POOL_IMAGE.equals(service.get("image"))) {
                mounted.stream().filter(s -> !read.contains(s))
                        .forEach(s -> problems.add(name + " mounts secret " + s + " but no key reads it"));
            }
        });
        declared.keySet().stream().filter(s -> !used.contains(s)).forEach(s -> problems.add("secret " + s + " is used by no service"));
        declared.forEach((s, def) -> {
            Object file = ((Map<String, Object>) def).get("file");
            if (file == null) {
                problems.add("secret " + s + " is not read from a file");
            }
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void kafkaIsThreeKraftBrokersAndTopicsAreReplicatedThreeWithTwoInSync() {
        List<String> brokers = services.keySet().stream().filter(s -> s.startsWith("kafka-")).toList();
        assertThat(brokers).hasSize(3);
        for (String broker : brokers) {
            Map<String, String> env = environment(services.get(broker));
            assertThat(env.get("KAFKA_PROCESS_ROLES")).as(broker).isEqualTo("broker,controller");
            assertThat(env.get("KAFKA_CONTROLLER_QUORUM_VOTERS")).as(broker).contains("1@", "2@", "3@");
            assertThat(env.get("KAFKA_DEFAULT_REPLICATION_FACTOR")).as(broker).isEqualTo("3");
            assertThat(env.get("KAFKA_MIN_INSYNC_REPLICAS")).as(broker).isEqualTo("2");
            assertThat(env.get("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR")).as(broker).isEqualTo("3");
            assertThat(env.get("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR")).as(broker).isEqualTo("2");
            assertThat(env.get("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR")).as(broker).isEqualTo("3");
            assertThat(env.get("KAFKA_AUTO_CREATE_TOPICS_ENABLE")).as(broker).isEqualTo("false");
            assertThat(services.get(broker)).as(broker).containsKey("healthcheck");
        }
        Map<String, Object> topics = services.get("topics");
        assertThat(list(topics.get("command"))).startsWith("topics", "create");
        Map<String, String> env = environment(topics);
        assertThat(env).containsEntry("POOL_TOPICS_REPLICATIONFACTOR", "3").containsEntry("POOL_TOPICS_MININSYNCREPLICAS", "2");
        assertThat(topics.get("restart")).isEqualTo("no");
    }

    @Test
    @SuppressWarnings("unchecked")
    void servicesWaitForHealthyInfrastructureAndTheTopicsAndHaveHealthChecks() {
        List<String> problems = new ArrayList<>();
        poolServices().forEach((name, service) -> {
            if (name.equals("topics")) {
                return;
            }
            if (!service.containsKey("healthcheck")) {
                problems.add(name + " has no healthcheck");
            }
            Object dependsOn = service.get("depends_on");
            if (!(dependsOn instanceof Map<?, ?> deps)) {
                problems.add(name + ": depends_on must name conditions");
                return;
            }
            Map<String, Object> topicDep = (Map<String, Object>) deps.get("topics");
            if (topicDep == null || !"service_completed_successfully".equals(topicDep.get("condition"))) {
                problems.add(name + " does not wait for the topics to be created");
            }
        });
        for (String infra : List.of("postgres", "registry")) {
            if (!services.get(infra).containsKey("healthcheck")) {
                problems.add(infra + " has no healthcheck");
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theRegistryHasItsOwnDatabaseCreatedAtFirstStart() throws Exception {
        Map<String, Object> registry = services.get("registry");
        Map<String, String> env = environment(registry);
        assertThat(env.get("APICURIO_DATASOURCE_URL")).endsWith("/registry");
        List<String> volumes = list(services.get("postgres").get("volumes"));
        String init = volumes.stream().filter(v -> v.contains("/docker-entrypoint-initdb.d")).findFirst().orElseThrow();
        Path script = COMPOSE.getParent().resolve(init.substring(0, init.indexOf(':')));
        assertThat(Files.readString(script.toString().endsWith(".sh") ? script : script.resolve("10-registry-db.sh")))
                .contains("CREATE DATABASE registry");
    }
}
