package io.livepeerpool.gateway.registration;

import com.fasterxml.jackson.databind.JsonNode;
import io.livepeerpool.gateway.validation.Fields;
import io.livepeerpool.gateway.validation.Problem;
import io.livepeerpool.gateway.validation.Validated;
import io.livepeerpool.protocol.address.Address;
import io.livepeerpool.protocol.performance.Benchmark;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules for {@code {"registration": {"transcoder": "0x..", "benchmark": {...}}}}. Problems name the full path
 * ({@code registration.benchmark.realtimeRatio}).
 *
 * <p>Decimals ({@code realtimeRatio}, {@code downloadMbps}, {@code uploadMbps}) are a JSON number or a decimal string
 * of at most 12 integer digits and 6 decimals, no exponent, read as {@link BigDecimal} from the text; each is > 0 and
 * at most a bound far above real hardware ({@link #RATIO_MAX}, {@link #MBPS_MAX}), so the policy's arithmetic stays
 * small.
 */
public final class RegistrationValidator {
    static final BigDecimal RATIO_MAX = BigDecimal.valueOf(1_000);
    static final BigDecimal MBPS_MAX = BigDecimal.valueOf(1_000_000);
    static final int PROFILES_MAX = 64;
    static final long LATENCY_MS_MAX = 600_000;
    private static final int DECIMALS_MAX = 6;
    private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,12}(\\.[0-9]{1,6})?");
    private static final Pattern PROFILE = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Set<String> BENCHMARK_FIELDS = Set.of("realtimeRatio", "latencyMs", "downloadMbps", "uploadMbps",
            "gpu", "profiles");

    public Validated<Registration> validate(JsonNode body) {
        List<Problem> problems = new ArrayList<>();
        Fields root = Fields.of(body, "", problems);
        root.rejectUnknown(Set.of("registration"));
        JsonNode node = root.node("registration", true);
        Registration registration = node == null ? null : registration(node, problems);
        return problems.isEmpty() ? Validated.valid(registration) : Validated.invalid(problems);
    }

    private static Registration registration(JsonNode node, List<Problem> problems) {
        Fields f = Fields.of(node, "registration", problems);
        if (!f.isObject()) {
            return null;
        }
        f.rejectUnknown(Set.of("transcoder", "benchmark"));
        Address transcoder = f.address("transcoder");
        JsonNode benchmarkNode = f.node("benchmark", true);
        Benchmark benchmark = benchmarkNode == null ? null : benchmark(Fields.of(benchmarkNode, f.path("benchmark"), problems));
        return transcoder == null || benchmark == null ? null : new Registration(transcoder, benchmark);
    }

    private static Benchmark benchmark(Fields f) {
        if (!f.isObject()) {
            return null;
        }
        f.rejectUnknown(BENCHMARK_FIELDS);
        BigDecimal ratio = decimal(f, "realtimeRatio", RATIO_MAX);
        Long latencyMs = f.integer("latencyMs", true, 0, LATENCY_MS_MAX);
        BigDecimal down = decimal(f, "downloadMbps", MBPS_MAX);
        BigDecimal up = decimal(f, "uploadMbps", MBPS_MAX);
        String gpu = gpu(f);
        List<String> profiles = profiles(f);
        if (ratio == null || latencyMs == null || down == null || up == null || profiles == null
                || (gpu == null && f.node("gpu", false) != null)) {
            return null;
        }
        return new Benchmark(ratio, latencyMs, down, up, gpu, profiles);
    }

    /** A decimal > 0 and <= max; null with a problem recorded otherwise. */
    private static BigDecimal decimal(Fields f, String name, BigDecimal max) {
        JsonNode node = f.node(name, true);
        if (node == null) {
            return null;
        }
        BigDecimal value = null;
        if (node.isNumber() && !node.isBigInteger()) {
            value = node.decimalValue();
        } else if (node.isBigInteger()) {
            value = new BigDecimal(node.bigIntegerValue());
        } else if (node.isTextual() && DECIMAL.matcher(node.textValue()).matches()) {
            value = new BigDecimal(node.textValue());
        }
        if (value == null || value.stripTrailingZeros().scale() > DECIMALS_MAX) {
            f.problem(name, "must be a decimal number (JSON number or decimal string) with at most " + DECIMALS_MAX
                    + " decimals");
            return null;
        }
        if (value.signum() <= 0 || value.compareTo(max) > 0) {
            f.problem(name, "must be greater than 0 and at most " + max.toPlainString());
            return null;
        }
        value = value.stripTrailingZeros();
        return value.scale() < 0 ? value.setScale(0) : value;
    }

    private static String gpu(Fields f) {
        JsonNode node = f.node("gpu", false);
        if (node == null) {
            return null;
        }
        if (!node.isTextual()) {
            f.problem("gpu", "must be a string");
            return null;
        }
        String gpu = node.textValue();
        if (gpu.length() > Benchmark.GPU_LENGTH_MAX || gpu.chars().anyMatch(Character::isISOControl)) {
            f.problem("gpu", "must be at most " + Benchmark.GPU_LENGTH_MAX + " characters, without control characters");
            return null;
        }
        return gpu;
    }

    private static List<String> profiles(Fields f) {
        JsonNode node = f.node("profiles", false);
        if (node == null) {
            return List.of();
        }
        if (!node.isArray() || node.size() > PROFILES_MAX) {
            f.problem("profiles", "must be an array of at most " + PROFILES_MAX + " rendition names");
            return null;
        }
        List<String> names = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            JsonNode name = node.get(i);
            if (!name.isTextual() || !PROFILE.matcher(name.textValue()).matches()) {
                f.problem("profiles[" + i + "]", "must be a rendition name, 1-64 of [A-Za-z0-9._-]");
                return null;
            }
            names.add(name.textValue());
        }
        return names;
    }
}
