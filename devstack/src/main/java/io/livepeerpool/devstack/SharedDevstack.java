package io.livepeerpool.devstack;

import io.livepeerpool.platform.files.Directories;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One devstack per JVM for the tests of every module: started on first use in a fresh temporary directory, stopped
 * and deleted by a shutdown hook when the JVM exits. Tests must therefore not close it, and should use their own topic
 * names / database schemas (or unique ones) since other test classes of the same JVM share it.
 */
public final class SharedDevstack {

    private static final Logger log = LoggerFactory.getLogger(SharedDevstack.class);

    private static Devstack instance;
    private static RuntimeException failure;

    private SharedDevstack() {
    }

    /**
     * The JVM's devstack, started on the first call. If starting failed, every later call throws the same failure at
     * once rather than trying again.
     */
    public static synchronized Devstack get() {
        if (instance != null) {
            return instance;
        }
        if (failure != null) {
            throw failure;
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("livepeer-pool-devstack-");
            Devstack devstack = Devstack.start(DevstackOptions.defaults(dir));
            Path dataDir = dir;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                devstack.close();
                try {
                    Directories.deleteRecursively(dataDir);
                } catch (IOException e) {
                    log.debug("could not delete {}", dataDir, e);
                }
            }, "shared-devstack-shutdown"));
            instance = devstack;
            return devstack;
        } catch (Exception e) {
            failure = new IllegalStateException("shared devstack failed to start (data in " + dir + ")", e);
            throw failure;
        }
    }
}
