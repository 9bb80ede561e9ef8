package io.livepeerpool.launcher.dev;

import io.livepeerpool.launcher.PoolHome;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code pool test}: the whole test suite (unit and integration against the embedded devstack) via Maven. */
@Command(name = "test", description = "Run every test (unit and integration, on the embedded devstack).")
final class TestCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", paramLabel = "MAVEN_ARGS", description = "Extra Maven arguments, e.g. -pl ingest-gateway.")
    List<String> mavenArgs = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        List<String> command = new ArrayList<>(List.of("mvn", "-B", "-ntp", "verify"));
        command.addAll(mavenArgs);
        return new ProcessBuilder(command).directory(PoolHome.dir().toFile()).inheritIO().start().waitFor();
    }
}
