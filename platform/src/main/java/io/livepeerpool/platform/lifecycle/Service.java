package io.livepeerpool.platform.lifecycle;

/** A long-running part of a deployable: started once, reports health, closed on shutdown. */
public interface Service extends AutoCloseable {

    String name();

    void start() throws Exception;

    /** True while the service does its job; false makes {@code /health} answer 503. */
    boolean healthy();

    /** Stops the service; must be idempotent and must not throw for an already stopped service. */
    @Override
    void close();
}
