package dev.jprof.agent;

/** An agent option is wrong; the message names the option and what is valid. */
public final class OptionException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public OptionException(String message) {
        super(message);
    }
}
