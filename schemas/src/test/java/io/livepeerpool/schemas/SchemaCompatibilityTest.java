package io.livepeerpool.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every schema in {@code src/main/avro} must read all data ever written with its earlier versions, recorded in
 * {@code src/test/resources/avro-history/v<N>/} (BACKWARD_TRANSITIVE: new reader, each old writer), and its newest
 * recorded version must be the current schema, so a change cannot skip the record. Versions count per schema:
 * {@code v<N>/} holds the N-th version of every schema that has one. See README "Evolving a schema".
 */
class SchemaCompatibilityTest {

    private static final Path MODULE = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
    static final Path CURRENT_DIR = MODULE.resolve("src/main/avro");
    static final Path HISTORY_DIR = MODULE.resolve("src/test/resources/avro-history");
    private static final Pattern VERSION_DIR = Pattern.compile("v([1-9][0-9]*)");

    /** One recorded version of the schemas: full name -> schema. */
    record Version(int number, Map<String, Schema> schemas) {
    }

    @TestFactory
    Stream<DynamicTest> everyCurrentSchemaIsRecordedAndBackwardCompatibleWithItsHistory() {
        Map<String, Schema> current = parseDir(CURRENT_DIR);
        List<Version> history = history();
        assertThat(current).as("schemas in %s", CURRENT_DIR).isNotEmpty();
        return current.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(),
                () -> assertThat(problems(e.getValue(), history)).isEmpty()));
    }

    @Test
    void historyHoldsNoSchemaThatWasRemoved() {
        Map<String, Schema> current = parseDir(CURRENT_DIR);
        List<String> removed = new ArrayList<>();
        for (Version version : history()) {
            for (String name : version.schemas().keySet()) {
                if (!current.containsKey(name)) {
                    removed.add(name + " (in v" + version.number() + ")");
                }
            }
        }
        assertThat(removed).as("schemas in %s but no longer in %s: topics still hold their data", HISTORY_DIR,
                CURRENT_DIR).isEmpty();
    }

    @Test
    void historyDirectoriesAreNumberedWithoutGaps() {
        List<Integer> numbers = history().stream().map(Version::number).toList();
        assertThat(numbers).isNotEmpty();
        for (int i = 0; i < numbers.size(); i++) {
            assertThat(numbers.get(i)).as("version directories v1..vN").isEqualTo(i + 1);
        }
    }

    /** The check has teeth: the changes that break old data are reported. */
    @Test
    void reportsIncompatibleOrUnrecordedChanges() {
        List<Version> history = history();
        Schema job = parseDir(CURRENT_DIR).get("io.livepeerpool.schemas.avro.TranscoderJob");
        String json = job.toString();
        int newest = history.stream().filter(v -> v.schemas().containsKey(job.getFullName()))
                .mapToInt(Version::number).max().orElseThrow();

        Schema newFieldWithoutDefault = parse(json.replace("]}", ",{\"name\":\"gpu\",\"type\":\"string\"}]}"));
        assertThat(problems(newFieldWithoutDefault, history))
                .anyMatch(p -> p.contains("cannot read data written with v1") && p.contains("gpu"))
                .anyMatch(p -> p.contains("differs from its newest recorded version v" + newest));

        Schema newFieldWithDefault =
                parse(json.replace("]}", ",{\"name\":\"gpu\",\"type\":\"string\",\"default\":\"\"}]}"));
        assertThat(problems(newFieldWithDefault, history)).singleElement().asString()
                .contains("differs from its newest recorded version v" + newest).contains("avro-history/v" + (newest + 1) + "/");

        Schema rescaled = parse(json.replace("\"scale\":0", "\"scale\":2"));
        assertThat(problems(rescaled, history)).anyMatch(p -> p.contains("faceValue") && p.contains("decimal"));

        Schema unrecorded = parse(json.replace("\"name\":\"TranscoderJob\"", "\"name\":\"TranscoderJobNew\""));
        assertThat(problems(unrecorded, history)).singleElement().asString().contains("no recorded version");
    }

    /** Everything wrong with {@code current} against the history, each with what to do about it. */
    static List<String> problems(Schema current, List<Version> history) {
        String name = current.getFullName();
        List<String> problems = new ArrayList<>();
        Version newest = null;
        for (Version version : history) {
            Schema old = version.schemas().get(name);
            if (old == null) {
                continue;
            }
            newest = version;
            SchemaCompatibility.SchemaPairCompatibility result =
                    SchemaCompatibility.checkReaderWriterCompatibility(current, old);
            if (result.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
                problems.add(name + " cannot read data written with v" + version.number() + ": "
                        + result.getResult().getIncompatibilities());
            }
            // Avro's check ignores logical types, yet decimal(78,0) -> decimal(78,2) would rescale every amount.
            logicalTypeChanges(old, current, name, problems, version.number(),
                    Collections.newSetFromMap(new IdentityHashMap<>()));
        }
        // Versions are per schema: v<N>/ holds the N-th version of each schema that has one.
        int next = newest == null ? 1 : newest.number() + 1;
        if (newest == null) {
            problems.add(name + " has no recorded version: copy its .avsc to " + HISTORY_DIR.getFileName()
                    + "/v" + next + "/");
        } else if (!newest.schemas().get(name).equals(current)) {
            problems.add(name + " differs from its newest recorded version v" + newest.number()
                    + ": once compatible, copy its .avsc to " + HISTORY_DIR.getFileName() + "/v" + next + "/");
        }
        return problems;
    }

    private static void logicalTypeChanges(Schema old, Schema current, String path, List<String> problems,
            int version, Set<Schema> visited) {
        if (old.getType() != current.getType()) {
            return; // a type change is Avro's to judge (e.g. int -> long promotion)
        }
        if (!sameLogicalType(old.getLogicalType(), current.getLogicalType())) {
            problems.add(path + ": logical type changed from " + describe(old) + " (v" + version + ") to "
                    + describe(current) + "; Avro would read the old bytes with the new meaning");
            return;
        }
        switch (current.getType()) {
            case RECORD -> {
                if (!visited.add(current)) {
                    return; // a recursive record: its fields are being checked already
                }
                for (Schema.Field field : current.getFields()) {
                    Schema.Field before = old.getField(field.name());
                    if (before != null) {
                        logicalTypeChanges(before.schema(), field.schema(), path + "." + field.name(), problems,
                                version, visited);
                    }
                }
            }
            case UNION -> {
                for (Schema branch : current.getTypes()) {
                    for (Schema oldBranch : old.getTypes()) {
                        if (oldBranch.getType() == branch.getType()
                                && Objects.equals(oldBranch.getFullName(), branch.getFullName())) {
                            logicalTypeChanges(oldBranch, branch, path, problems, version, visited);
                        }
                    }
                }
            }
            case ARRAY -> logicalTypeChanges(old.getElementType(), current.getElementType(), path + "[]", problems,
                    version, visited);
            case MAP -> logicalTypeChanges(old.getValueType(), current.getValueType(), path + "{}", problems,
                    version, visited);
            default -> {
            }
        }
    }

    private static boolean sameLogicalType(LogicalType a, LogicalType b) {
        if (a instanceof LogicalTypes.Decimal da && b instanceof LogicalTypes.Decimal db) {
            return da.getPrecision() == db.getPrecision() && da.getScale() == db.getScale();
        }
        return Objects.equals(a == null ? null : a.getName(), b == null ? null : b.getName());
    }

    private static String describe(Schema s) {
        LogicalType t = s.getLogicalType();
        if (t instanceof LogicalTypes.Decimal d) {
            return "decimal(" + d.getPrecision() + "," + d.getScale() + ")";
        }
        return t == null ? s.getType().getName() : t.getName();
    }

    /** The recorded versions, oldest first. */
    static List<Version> history() {
        List<Version> versions = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(HISTORY_DIR)) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                Matcher m = VERSION_DIR.matcher(dir.getFileName().toString());
                assertThat(m.matches()).as("%s: history directories are named v1, v2, ...", dir).isTrue();
                versions.add(new Version(Integer.parseInt(m.group(1)), parseDir(dir)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        versions.sort(Comparator.comparingInt(Version::number));
        return versions;
    }

    /** The .avsc files of a directory (each file on its own: our schemas do not reference each other). */
    static Map<String, Schema> parseDir(Path dir) {
        Map<String, Schema> schemas = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".avsc")).sorted().toList()) {
                Schema schema = new Schema.Parser().parse(file.toFile());
                Schema clash = schemas.put(schema.getFullName(), schema);
                assertThat(clash).as("%s defined twice in %s", schema.getFullName(), dir).isNull();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return schemas;
    }

    private static Schema parse(String json) {
        return new Schema.Parser().parse(json);
    }
}
