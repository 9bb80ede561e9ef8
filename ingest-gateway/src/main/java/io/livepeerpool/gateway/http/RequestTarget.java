package io.livepeerpool.gateway.http;

import io.javalin.http.Context;
import java.util.Locale;

/**
 * The request path as the routes see it: no {@code .} or {@code ..} segment, plain or percent-encoded. No route
 * has one, and a path that resolves differently here and in a proxy in front is how access rules get bypassed, so
 * such a path is refused (400 naming {@code uri}) rather than resolved or answered 404.
 */
public final class RequestTarget {
    private RequestTarget() {
    }

    /** A before-handler: throws {@link ApiError} 400 for a dot segment. */
    public static void requireNoDotSegments(Context ctx) {
        String path = ctx.req().getRequestURI();
        if (path == null) {
            return;
        }
        for (String segment : path.split("/", -1)) {
            // ";param" is dropped by servlet path resolution: "..;x" is a ".." segment there
            String plain = segment.split(";", 2)[0].toLowerCase(Locale.ROOT).replace("%2e", ".");
            if (plain.equals(".") || plain.equals("..")) {
                throw ApiError.invalid("uri", "the path must not contain . or .. segments");
            }
        }
    }
}
