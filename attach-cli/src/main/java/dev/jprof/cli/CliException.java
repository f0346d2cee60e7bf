package dev.jprof.cli;

/** A failure the user can act on: one line on stderr and an exit status, never a stack trace. */
final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** Exit status for wrong usage (bad options, missing files). */
    static final int USAGE = 2;
    /** Exit status when a command could not be carried out (attach refused, agent error). */
    static final int FAILED = 1;

    private final int status;

    CliException(int status, String message) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }
}
