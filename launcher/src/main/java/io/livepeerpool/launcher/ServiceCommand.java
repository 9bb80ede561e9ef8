package io.livepeerpool.launcher;

import io.livepeerpool.platform.config.ConfigKey;
import java.util.List;

/**
 * A deployable's command: the configuration keys it declares. The command loads exactly these, and deployment files
 * (the compose file) are checked against them, so a key the compose file sets that the service does not know fails a
 * test here instead of a container at start.
 */
public interface ServiceCommand {
    List<ConfigKey<?>> declaredKeys();
}
