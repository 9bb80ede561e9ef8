package io.livepeerpool.gateway.dashboard;

import io.javalin.config.JavalinConfig;
import io.javalin.http.staticfiles.Location;
import java.util.Map;

/**
 * Serves the dashboard, a single-page app bundled at build time (ingest-gateway/dashboard, esbuild) into the jar's
 * {@code /dashboard} directory, at {@code /}. The page loads nothing but its own files and the public API: the
 * content security policy says so to the browser too.
 */
public final class DashboardFiles {
    static final String CLASSPATH_DIRECTORY = "/dashboard";
    static final Map<String, String> HEADERS = Map.of(
            "Content-Security-Policy", "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none';"
                    + " frame-ancestors 'none'; form-action 'self'",
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "no-referrer",
            // small files, rebuilt with the jar: revalidate rather than serve a stale app after an upgrade
            "Cache-Control", "no-cache");

    private DashboardFiles() {
    }

    /** True when the jar carries a built dashboard. */
    public static boolean built() {
        return DashboardFiles.class.getResource(CLASSPATH_DIRECTORY + "/index.html") != null;
    }

    public static void serve(JavalinConfig config) {
        config.staticFiles.add(files -> {
            files.hostedPath = "/";
            files.directory = CLASSPATH_DIRECTORY;
            files.location = Location.CLASSPATH;
            files.headers = HEADERS;
        });
    }
}
