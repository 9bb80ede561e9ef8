package io.livepeerpool.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApicurioArchiveTest {

    private static final String RUNNER = "apicurio-registry-app-" + ApicurioArchive.VERSION + "-runner.jar";

    @TempDir
    Path dir;

    @Test
    void aConfiguredArchiveThatDoesNotExistIsReportedClearly() {
        String previous = System.getProperty(ApicurioArchive.ARCHIVE_PROPERTY);
        System.setProperty(ApicurioArchive.ARCHIVE_PROPERTY, dir.resolve("missing.tar.gz").toString());
        try {
            assertThatThrownBy(ApicurioArchive::locate)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(ApicurioArchive.ARCHIVE_PROPERTY)
                    .hasMessageContaining("missing.tar.gz");
        } finally {
            if (previous == null) {
                System.clearProperty(ApicurioArchive.ARCHIVE_PROPERTY);
            } else {
                System.setProperty(ApicurioArchive.ARCHIVE_PROPERTY, previous);
            }
        }
    }

    @Test
    void theBuildsCopiesAreAmongTheCandidates() {
        assertThat(ApicurioArchive.candidates()).anySatisfy(path -> assertThat(path.toString())
                .endsWith("/io/apicurio/apicurio-registry-app/" + ApicurioArchive.VERSION
                        + "/apicurio-registry-app-" + ApicurioArchive.VERSION + "-all.tar.gz"));
        assertThat(ApicurioArchive.candidates()).anySatisfy(path -> assertThat(path.toString())
                .contains("devstack/target/apicurio/"));
    }

    @Test
    void unpacksIntoPlaceAndToleratesALostRace() throws IOException {
        Path archive = tarGz(dir.resolve("a.tar.gz"), Map.of(RUNNER, "runner", "lib/x.jar", "x"));
        Path target = dir.resolve("cache").resolve("apicurio");

        ApicurioArchive.unpack(archive, target);
        assertThat(target.resolve(RUNNER)).hasContent("runner");
        assertThat(target.resolve("lib/x.jar")).hasContent("x");

        // another JVM got there first: its copy stays, ours is discarded
        ApicurioArchive.unpack(archive, target);
        assertThat(target.resolve(RUNNER)).hasContent("runner");
        try (Stream<Path> siblings = Files.list(target.getParent())) {
            assertThat(siblings).containsExactly(target);
        }
    }

    @Test
    void refusesEntriesOutsideTheTarget() throws IOException {
        Path archive = tarGz(dir.resolve("evil.tar.gz"), Map.of("../evil", "x", RUNNER, "runner"));
        Path target = dir.resolve("cache").resolve("apicurio");

        assertThatThrownBy(() -> ApicurioArchive.unpack(archive, target)).hasMessageContaining("../evil");
        assertThat(dir.resolve("cache/evil")).doesNotExist();
        assertThat(target).doesNotExist();
    }

    @Test
    void anArchiveWithoutTheRunnerIsRejected() throws IOException {
        Path archive = tarGz(dir.resolve("empty.tar.gz"), Map.of("lib/x.jar", "x"));
        Path target = dir.resolve("cache").resolve("apicurio");

        assertThatThrownBy(() -> ApicurioArchive.unpack(archive, target)).hasMessageContaining(RUNNER);
        assertThat(target).doesNotExist();
    }

    private static Path tarGz(Path file, Map<String, String> entries) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file));
             TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                byte[] content = entry.getValue().getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry tarEntry = new TarArchiveEntry(entry.getKey(), true);
                tarEntry.setSize(content.length);
                tar.putArchiveEntry(tarEntry);
                tar.write(content);
                tar.closeArchiveEntry();
            }
        }
        return file;
    }
}
