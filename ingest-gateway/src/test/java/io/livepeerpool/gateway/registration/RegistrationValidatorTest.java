package io.livepeerpool.gateway.registration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livepeerpool.gateway.validation.Problem;
import io.livepeerpool.gateway.validation.Validated;
import io.livepeerpool.platform.json.Json;
import io.livepeerpool.protocol.address.Address;
import io.livepeerpool.protocol.performance.Benchmark;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RegistrationValidatorTest {
    static final String TRANSCODER = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";
    final RegistrationValidator validator = new RegistrationValidator();

    static ObjectNode benchmark() {
        ObjectNode b = Json.mapper().createObjectNode();
        b.put("realtimeRatio", new BigDecimal("0.05"));
        b.put("latencyMs", 20);
        b.put("downloadMbps", "1000");
        b.put("uploadMbps", 500.5);
        b.put("gpu", "RTX 4090");
        b.set("profiles", Json.mapper().createArrayNode().add("P240p30fps16x9").add("P720p30fps16x9"));
        return b;
    }

    static ObjectNode body(ObjectNode benchmark) {
        ObjectNode registration = Json.mapper().createObjectNode();
        registration.put("transcoder", TRANSCODER);
        registration.set("benchmark", benchmark);
        ObjectNode body = Json.mapper().createObjectNode();
        body.set("registration", registration);
        return body;
    }

    @Test
    void aCompleteRegistrationIsValidAndExact() {
        Registration r = validator.validate(body(benchmark())).value();
        assertThat(r.transcoder()).isEqualTo(Address.parse(TRANSCODER));
        assertThat(r.benchmark()).isEqualTo(new Benchmark(new BigDecimal("0.05"), 20, new BigDecimal("1000"),
                new BigDecimal("500.5"), "RTX 4090", List.of("P240p30fps16x9", "P720p30fps16x9")));
    }

    @Test
    void gpuAndProfilesAreOptional() {
        ObjectNode b = benchmark();
        b.remove("gpu");
        b.remove("profiles");
        Benchmark benchmark = validator.validate(body(b)).value().benchmark();
        assertThat(benchmark.gpu()).isNull();
        assertThat(benchmark.profiles()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "realtimeRatio | 0",
            "realtimeRatio | -0.5",
            "realtimeRatio | \"abc\"",
            "realtimeRatio | \"1e3\"",
            "realtimeRatio | 0.0000001",
            "realtimeRatio | 1001",
            "realtimeRatio | null",
            "latencyMs     | -1",
            "latencyMs     | 2.5",
            "latencyMs     | \"20\"",
            "downloadMbps  | 0",
            "downloadMbps  | true",
            "uploadMbps    | 1000001",
            "gpu           | 12",
            "profiles      | \"P240p30fps16x9\"",
            "profiles[1]   | x",
            "surprise      | 1"})
    void eachBadFieldIsNamed(String field, String json) throws Exception {
        ObjectNode b = benchmark();
        if (field.equals("profiles[1]")) {
            ((ArrayNode) b.get("profiles")).set(1, Json.mapper().getNodeFactory().textNode("has space"));
        } else {
            b.set(field, Json.mapper().readTree(json));
        }
        Validated<Registration> result = validator.validate(body(b));
        assertThat(result.problems()).extracting(Problem::field)
                .containsExactly("registration.benchmark." + field);
    }

    @Test
    void aLongGpuIsRefused() {
        ObjectNode b = benchmark();
        b.put("gpu", "g".repeat(129));
        assertThat(validator.validate(body(b)).problems()).extracting(Problem::field)
                .containsExactly("registration.benchmark.gpu");
    }

    @Test
    void missingPartsAreNamed() throws Exception {
        assertThat(validator.validate(Json.mapper().readTree("{}")).problems()).extracting(Problem::field)
                .containsExactly("registration");
        ObjectNode body = body(benchmark());
        ((ObjectNode) body.get("registration")).remove("benchmark");
        ((ObjectNode) body.get("registration")).put("transcoder", "0x123");
        assertThat(validator.validate(body).problems()).extracting(Problem::field)
                .containsExactlyInAnyOrder("registration.transcoder", "registration.benchmark");
    }
}
