package io.livepeerpool.gateway.validation;

/**
 * One reason a request is invalid: the JSON path of the offending field ({@code jobDetails.pixels},
 * {@code jobs[3].transcoder}; {@code body} for the document as a whole) and what is wrong with it.
 */
public record Problem(String field, String message) {
}
