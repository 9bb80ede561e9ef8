package io.livepeerpool.launcher;

/** A problem with what the user gave a command (a file, an argument): reported without a stack trace. */
public final class UserInputException extends RuntimeException {
    public UserInputException(String message) {
        super(message);
    }

    public UserInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
