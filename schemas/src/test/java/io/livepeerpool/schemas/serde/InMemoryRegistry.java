package io.livepeerpool.schemas.serde;

import io.livepeerpool.schemas.registry.SchemaRegistryClient;
import io.livepeerpool.schemas.registry.SchemaRegistryException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;

/**
 * Registry double for the pure unit tests of the wire format: hands out ids from {@code firstId} and counts the
 * calls. Everything that is about how a registry behaves is tested against the real one (see the *Test classes that
 * use SharedDevstack).
 */
final class InMemoryRegistry implements SchemaRegistryClient {

    private final AtomicInteger nextId;
    private final Map<String, Integer> idsBySchema = new ConcurrentHashMap<>();
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> registrationsBySubject = new ConcurrentHashMap<>();
    final AtomicInteger lookups = new AtomicInteger();

    InMemoryRegistry(int firstId) {
        this.nextId = new AtomicInteger(firstId);
    }

    @Override
    public int register(String subject, Schema schema) {
        registrationsBySubject.computeIfAbsent(subject, s -> new AtomicInteger()).incrementAndGet();
        int id = idsBySchema.computeIfAbsent(schema.toString(), s -> nextId.getAndIncrement());
        schemasById.put(id, schema);
        return id;
    }

    /** Makes {@code id} resolve to {@code schema}, as if another producer had registered it. */
    void put(int id, Schema schema) {
        schemasById.put(id, schema);
    }

    @Override
    public Schema schemaById(int id) {
        lookups.incrementAndGet();
        Schema schema = schemasById.get(id);
        if (schema == null) {
            throw new SchemaRegistryException("in-memory registry: no schema id " + id, "memory:/schemas/ids/" + id,
                    404, 40403, null);
        }
        return schema;
    }
}
