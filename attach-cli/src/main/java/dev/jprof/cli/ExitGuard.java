package dev.jprof.cli;

import java.util.concurrent.Callable;

/**
 * Runs the end of a command exactly once, whether the command finishes normally or the CLI's JVM is
 * shutting down because of Ctrl-C or SIGTERM. The terminal sends SIGINT to the whole process group, so
 * the CLI must not die before the profiled program has written its report: the shutdown hook first
 * runs {@code onSignal} (e.g. waits for the child, or tells the attached agent to stop), then the same
 * finishing work, and halts with its status.
 */
final class ExitGuard {
    private final Callable<Integer> finish;
    private volatile Integer status;
    private Thread hook;

    ExitGuard(Callable<Integer> finish) {
        this.finish = finish;
    }

    /** Installs the shutdown hook; {@code onSignal} runs first in it, only when the JVM is exiting early. */
    ExitGuard install(Runnable onSignal) {
        hook = new Thread(() -> {
            if (!done()) {
                onSignal.run();
            }
            int s = complete();
            System.out.flush();
            System.err.flush();
            Runtime.getRuntime().halt(s);
        }, "jprof-exit");
        Runtime.getRuntime().addShutdownHook(hook);
        return this;
    }

    // Not synchronized: complete() holds the lock while it waits for the child.
    private boolean done() {
        return status != null;
    }

    /** Runs the finishing work once and returns its exit status. */
    synchronized int complete() {
        if (status == null) {
            try {
                status = finish.call();
            } catch (CliException e) {
                System.err.println("jprof: " + e.getMessage());
                status = e.status();
            } catch (Exception e) {
                System.err.println("jprof: " + e);
                status = CliException.FAILED;
            }
        }
        return status;
    }
}
