package dev.jprof;

import java.io.IOException;

/** A file or string is not a valid jprof session; the message says what is wrong. */
public final class SessionFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public SessionFormatException(String message) {
        super(message);
    }

    public SessionFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
