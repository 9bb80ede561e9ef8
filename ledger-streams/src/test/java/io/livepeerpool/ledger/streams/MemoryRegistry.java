package io.livepeerpool.ledger.streams;

import io.livepeerpool.schemas.registry.SchemaRegistryClient;
import io.livepeerpool.schemas.registry.SchemaRegistryException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;

/** Registry double for the TopologyTestDriver tests; the integration test uses the devstack's real registry. */
public final class MemoryRegistry implements SchemaRegistryClient {
    private final AtomicInteger nextId = new AtomicInteger(1);
    private final Map<String, Integer> idsBySchema = new ConcurrentHashMap<>();
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();

    @Override
    public int register(String subject, Schema schema) {
        int id = idsBySchema.computeIfAbsent(schema.toString(), s -> nextId.getAndIncrement());
        schemasById.put(id, schema);
        return id;
    }

    @Override
    public Schema schemaById(int id) {
        Schema schema = schemasById.get(id);
        if (schema == null) {
            throw new SchemaRegistryException("memory registry: no schema id " + id, "memory:/schemas/ids/" + id,
                    404, 40403, null);
        }
        return schema;
    }
}
