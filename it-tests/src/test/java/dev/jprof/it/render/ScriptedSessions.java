package dev.jprof.it.render;

import dev.jprof.Recorder;
import dev.jprof.Session;
import dev.jprof.it.support.ManualClock;
import dev.jprof.sampling.StackSource;
import java.time.Duration;
import java.util.function.BiConsumer;

/** Sessions recorded from a script: 1,000 ticks of 1 ms, each tick's stacks chosen by the script. */
final class ScriptedSessions {
    static final int TICKS = 1000;

    private ScriptedSessions() {
    }

    /**
     * @param virtualThreads what the source says it saw of virtual threads, or -1
     * @param script         given the tick (0..999) and where to report each thread's stack
     */
    static Session record(int virtualThreads, BiConsumer<Integer, StackSource.StackConsumer> script) {
        ManualClock clock = new ManualClock(false);
        int[] tick = {0};
        StackSource source = new StackSource() {
            @Override
            public void sample(StackConsumer out) {
                script.accept(tick[0], out);
            }

            @Override
            public int virtualThreadsSeen() {
                return virtualThreads;
            }
        };
        Recorder recorder = new Recorder(source, clock, Duration.ofMillis(1), TreeParity::locate, "parity",
                1 << 20);
        recorder.startManual();
        for (int t = 0; t < TICKS; t++) {
            clock.advance(1_000_000L);
            tick[0] = t;
            recorder.tick();
        }
        recorder.stop();
        return recorder.snapshot();
    }
}
