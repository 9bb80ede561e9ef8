package io.livepeerpool.devstack;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The KRaft log directory of the single-node cluster: formatted (new cluster id, bootstrap metadata at the latest
 * production metadata version) the first time only, so a restart keeps the metadata log, topics and data.
 */
final class KafkaStorage {

    private static final Logger log = LoggerFactory.getLogger(KafkaStorage.class);

    private KafkaStorage() {
    }

    /** Formats {@code logDir} unless it already holds {@code meta.properties}. Returns true if it formatted. */
    static boolean formatIfNeeded(Path logDir, int nodeId, String controllerListenerName) throws Exception {
        if (Files.isRegularFile(logDir.resolve("meta.properties"))) {
            return false;
        }
        Files.createDirectories(logDir);
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        String clusterId = Uuid.randomUuid().toString();
        try (PrintStream printStream = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            new Formatter()
                    .setPrintStream(printStream)
                    .setNodeId(nodeId)
                    .setClusterId(clusterId)
                    .setDirectories(List.of(logDir.toString()))
                    .setMetadataLogDirectory(logDir.toString())
                    .setControllerListenerName(controllerListenerName)
                    .setReleaseVersion(MetadataVersion.latestProduction())
                    .run();
        }
        log.debug("Formatted {} (cluster {}): {}", logDir, clusterId, output.toString(StandardCharsets.UTF_8));
        return true;
    }
}
