package io.livepeerpool.gateway;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Every log event of the JVM while open (root logger), to check what the gateway logs. */
final class LogCapture implements AutoCloseable {
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    LogCapture() {
        appender.start();
        root.addAppender(appender);
    }

    List<ILoggingEvent> events() {
        synchronized (appender.list) {
            return List.copyOf(appender.list);
        }
    }

    List<ILoggingEvent> from(Class<?> loggerOwnerPackageMarker) {
        String prefix = loggerOwnerPackageMarker.getPackageName();
        return events().stream().filter(e -> e.getLoggerName().startsWith(prefix)).toList();
    }

    @Override
    public void close() {
        root.detachAppender(appender);
    }
}
