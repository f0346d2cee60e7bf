package dev.jprof;

import dev.jprof.sampling.ThisProcess;
import dev.jprof.sampling.StackSource;
import dev.jprof.sampling.ThreadSelector;
import java.util.List;

/**
 * One recording of a {@link Profiler}, from {@code start()} to {@code stop()}: the stack source for the
 * profiled threads (the same choice as the agent's), the recorder that samples them, and the stack of the
 * thread that started it, which reports are trimmed to. Not thread-safe: the profiler synchronises.
 */
final class ProfilerRun {
    private final Recorder recorder;
    private final long startThreadId;
    private final List<StackTraceElement> startCallStack;

    private ProfilerRun(Recorder recorder, long startThreadId, List<StackTraceElement> startCallStack) {
        this.recorder = recorder;
        this.startThreadId = startThreadId;
        this.startCallStack = startCallStack;
    }

    /**
     * Starts recording the threads {@code settings} select, on behalf of the calling thread.
     *
     * @param startCallStack the calling thread's stack down to the caller of {@code start()}, outermost first
     */
    static ProfilerRun start(ProfilerSettings settings, List<StackTraceElement> startCallStack) {
        Thread caller = Thread.currentThread();
        boolean allThreads = settings.profilesAllThreads();
        ThreadSelector selector = settings.threadFilter != null
                ? ThreadSelector.applicationThreadsMatching(settings.threadFilter)
                : allThreads ? ThreadSelector.allApplicationThreads() : ThreadSelector.only(caller);
        String description = settings.targetDescription != null ? settings.targetDescription : describeTarget();
        StackSource source = settings.sources != null ? settings.sources.apply(selector)
                : settings.threadFilter != null ? stackSources(settings).platformThreads(selector)
                : allThreads ? stackSources(settings).allThreads(null, settings.clock, settings.messages)
                : stackSources(settings).thread(caller);
        Recorder r = new Recorder(source, settings.clock, settings.interval, CodeLocator.forCurrentJvm()::locate,
                description, Integer.MAX_VALUE).asyncMode(settings.asyncMode).maxMemory(settings.maxMemory)
                .maxOverhead(settings.maxOverhead).awaitFirstSample();
        if (settings.manualSampling) {
            r.startManual();
        } else {
            r.start();
        }
        return new ProfilerRun(r, caller.getId(), startCallStack);
    }

    /** The same choice of stack sources as the agent's, for this profiler's options. */
    private static StackSourceChoice stackSources(ProfilerSettings settings) {
        return new StackSourceChoice(settings.asyncMode, false, settings.stackWalk, settings.threadsPerTick,
                StackSourceChoice.DEFAULT_VIRTUAL_THREADS_PER_TICK)
                .stackSource(settings.stackSource, settings.interval, settings.clock, settings.messages);
    }

    private static String describeTarget() {
        String command = System.getProperty("sun.java.command", "");
        return command.isEmpty() ? "pid " + ThisProcess.pid() : command;
    }

    /** Takes one sample now (manual sampling only). */
    void tick() {
        recorder.tick();
    }

    /** Stops sampling and returns the recording, trimmed to begin at the caller of {@code start()}. */
    Session stop() {
        recorder.stop();
        return recorder.snapshot().withStartCallStack(startThreadId, startCallStack);
    }
}
