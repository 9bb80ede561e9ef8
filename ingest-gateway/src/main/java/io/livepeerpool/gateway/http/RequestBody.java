package io.livepeerpool.gateway.http;

import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/** Reads a write request's raw body with a hard size limit, and checks its content type. */
public final class RequestBody {
    /** 1 MiB: a batch of 1000 jobs is about 250 KiB. */
    public static final int MAX_BYTES = 1 << 20;

    private RequestBody() {
    }

    /**
     * 415 unless the Content-Type is application/json, with no charset or {@code charset=utf-8}: JSON is UTF-8
     * (RFC 8259), and a body announced in another charset is refused before it is read.
     */
    public static void requireJson(Context ctx) {
        String type = ctx.header("Content-Type");
        String[] parts = type == null ? new String[] {""} : type.split(";");
        if (!parts[0].trim().toLowerCase(Locale.ROOT).equals("application/json")) {
            throw ApiError.unsupportedMediaType("Content-Type must be application/json");
        }
        for (int i = 1; i < parts.length; i++) {
            String[] parameter = parts[i].split("=", 2);
            if (parameter[0].trim().equalsIgnoreCase("charset")) {
                String charset = parameter.length < 2 ? "" : parameter[1].trim().replace("\"", "");
                if (!charset.equalsIgnoreCase("utf-8")) {
                    throw ApiError.unsupportedMediaType("Content-Type must be application/json in UTF-8 (charset=utf-8"
                            + " or no charset)");
                }
            }
        }
    }

    /** The raw bytes, or 413 if the declared or actual length exceeds {@link #MAX_BYTES}. */
    public static byte[] read(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > MAX_BYTES) {
            throw ApiError.tooLarge(MAX_BYTES);
        }
        try (InputStream in = ctx.req().getInputStream()) {
            if (declared >= 0) {
                // The usual case: the declared bytes straight into their own array, with no copy buffer (it was the
                // signed path's second-largest allocation under load). Jetty ends the stream at the declared length
                // and fails the read (IOException, below) when the client sends fewer.
                return in.readNBytes((int) declared);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
            byte[] buffer = new byte[8192];
            long total = 0;
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                total += n;
                if (total > MAX_BYTES) {
                    throw ApiError.tooLarge(MAX_BYTES);
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            // The client went away or sent a broken chunked body: nothing to answer that it would read.
            throw ApiError.invalid("body", "request body could not be read");
        }
    }
}
