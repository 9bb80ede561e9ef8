package io.livepeerpool.schemas.registry;

import java.net.URI;
import java.time.Duration;
import org.apache.avro.Schema;

/**
 * The two Schema Registry calls the serde needs, over the Confluent REST API (so any Confluent-compatible registry
 * works: Confluent's, Apicurio's {@code /apis/ccompat/v7}, Redpanda's). Implementations cache both calls: after the
 * first call for a subject and schema, or for an id, no HTTP request is made again. Implementations are thread-safe.
 */
public interface SchemaRegistryClient extends AutoCloseable {

    /**
     * Registers {@code schema} under {@code subject} (or finds it there) and returns its global id. Registering a
     * schema already in the subject returns its existing id.
     *
     * @throws SchemaRegistryException when the registry refuses it (409: incompatible with the subject's versions,
     *     422: invalid) or cannot be reached in time
     */
    int register(String subject, Schema schema);

    /**
     * The schema with this global id.
     *
     * @throws SchemaRegistryException when the registry has no such id (404) or cannot be reached in time
     */
    Schema schemaById(int id);

    /** Releases the HTTP client. Schemas already cached stay usable. */
    @Override
    default void close() {
    }

    /**
     * A client for the registry at {@code baseUrl} (e.g. {@code http://127.0.0.1:8081} or
     * {@code http://127.0.0.1:8080/apis/ccompat/v7}) with the default timeouts and attempts.
     */
    static SchemaRegistryClient connect(String baseUrl) {
        return new HttpSchemaRegistryClient(URI.create(baseUrl), HttpSchemaRegistryClient.CONNECT_TIMEOUT_DEFAULT,
                HttpSchemaRegistryClient.REQUEST_TIMEOUT_DEFAULT, HttpSchemaRegistryClient.ATTEMPTS_MAX_DEFAULT);
    }

    /** As {@link #connect(String)}, with explicit timeouts and a bound on attempts per call (1 = no retry). */
    static SchemaRegistryClient connect(String baseUrl, Duration connectTimeout, Duration requestTimeout,
            int attemptsMax) {
        return new HttpSchemaRegistryClient(URI.create(baseUrl), connectTimeout, requestTimeout, attemptsMax);
    }
}
