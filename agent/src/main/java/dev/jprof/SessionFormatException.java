package dev.jprof;

import java.io.IOException;

/** A file or string is not a valid jprof session; the message says what is wrong. */
public final class SessionFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong with the file, for the user */
    public SessionFormatException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong with the file, for the user
     * @param cause   the underlying parse error
     */
    public SessionFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
