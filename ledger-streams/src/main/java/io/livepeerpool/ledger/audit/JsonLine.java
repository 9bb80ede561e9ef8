package io.livepeerpool.ledger.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import io.livepeerpool.platform.json.Json;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/** One JSON object on one line, fields in the order written (the replay's own output does the same). */
final class JsonLine {
    interface Fields {
        void write(JsonGenerator json) throws IOException;
    }

    private JsonLine() {
    }

    static String of(Fields fields) {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = Json.mapper().getFactory().createGenerator(text)) {
            json.writeStartObject();
            fields.write(json);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot happen: writing JSON to a string", e);
        }
        return text.toString();
    }
}
