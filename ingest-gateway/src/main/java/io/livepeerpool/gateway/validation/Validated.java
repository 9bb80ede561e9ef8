package io.livepeerpool.gateway.validation;

import java.util.List;
import java.util.function.Function;

/** A validator's verdict: the value, or the problems that prevent it (never both). */
public final class Validated<T> {
    private final T value;
    private final List<Problem> problems;

    private Validated(T value, List<Problem> problems) {
        this.value = value;
        this.problems = List.copyOf(problems);
    }

    public static <T> Validated<T> valid(T value) {
        return new Validated<>(java.util.Objects.requireNonNull(value, "value"), List.of());
    }

    public static <T> Validated<T> invalid(List<Problem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an invalid verdict needs at least one problem");
        }
        return new Validated<>(null, problems);
    }

    public boolean isValid() {
        return problems.isEmpty();
    }

    public List<Problem> problems() {
        return problems;
    }

    public T value() {
        if (!isValid()) {
            throw new IllegalStateException("invalid: " + problems);
        }
        return value;
    }

    /** The value, or the exception {@code onProblems} builds from the problems. */
    public <X extends RuntimeException> T orElseThrow(Function<List<Problem>, X> onProblems) {
        if (!isValid()) {
            throw onProblems.apply(problems);
        }
        return value;
    }
}
