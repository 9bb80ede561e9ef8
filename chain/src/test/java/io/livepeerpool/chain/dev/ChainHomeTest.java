package io.livepeerpool.chain.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChainHomeTest {

    @Test
    void locatesTheChainDirectoryFromTheWorkingDirectory() {
        ChainHome home = ChainHome.locate(); // surefire runs in chain/
        assertThat(home.dir().resolve("package.json")).isRegularFile();
        assertThat(home.anvil()).isExecutable();
        assertThat(home.exitWithParentScript()).isRegularFile();
        assertThat(home.isInstalled()).isTrue();
    }

    @Test
    void poolHomeNamesTheRepositoryRoot() {
        Path repoRoot = ChainHome.locate().dir().getParent();
        String previous = System.getProperty(ChainHome.POOL_HOME_PROPERTY);
        try {
            System.setProperty(ChainHome.POOL_HOME_PROPERTY, repoRoot.toString());
            assertThat(ChainHome.locate().dir()).isEqualTo(repoRoot.resolve("chain"));
        } finally {
            if (previous == null) {
                System.clearProperty(ChainHome.POOL_HOME_PROPERTY);
            } else {
                System.setProperty(ChainHome.POOL_HOME_PROPERTY, previous);
            }
        }
    }

    @Test
    void aDirectoryWithoutTheChainFilesIsRefused(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("package.json"), "{}");
        assertThatThrownBy(() -> ChainHome.at(dir)).hasMessageContaining("not the chain module directory");
    }
}
