package io.livepeerpool.platform.config;

import java.util.Collection;
import java.util.Locale;

/** The declared key nearest to a mistyped one, for the "unknown key" message. */
final class KeyNames {
    /** Farther than this many edits is not a typo worth pointing at. */
    private static final int SUGGEST_DISTANCE_MAX = 3;

    private KeyNames() {
    }

    /** {@code " (did you mean x?)"}, or empty when no declared key is close. */
    static String suggestion(String unknown, Collection<String> declared) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : declared) {
            int d = distance(unknown.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return best != null && bestDistance <= SUGGEST_DISTANCE_MAX ? " (did you mean " + best + "?)" : "";
    }

    /** Levenshtein distance; keys are short, so the quadratic table is fine. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
