package io.livepeerpool.gateway.reads;

import java.util.List;

/** One page of rows, newest first, and the cursor of the next page (null when this is the last one). */
public record Page<T>(List<T> items, String nextBefore) {
}
