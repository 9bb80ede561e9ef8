package io.livepeerpool.ledger.replay;

import com.fasterxml.jackson.core.JsonGenerator;
import io.livepeerpool.platform.json.Json;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * One JSON object on one line, fields in the order written: the replay's output lines and the export's input lines
 * (the audit) are both written with it.
 */
public final class JsonLine {
    public interface Fields {
        void write(JsonGenerator json) throws IOException;
    }

    private JsonLine() {
    }

    public static String of(Fields fields) {
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
