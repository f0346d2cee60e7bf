package dev.jprof.it.bench;

import dev.jprof.Recorder;
import dev.jprof.Session;
import dev.jprof.agent.AgentOptions;
import dev.jprof.it.support.ManualClock;
import dev.jprof.renderers.ConsoleRenderer;
import dev.jprof.renderers.HtmlRenderer;
import java.time.Duration;
import java.util.Locale;

/**
 * One hour of 50 busy threads at the agent's defaults, rendered as text and HTML every six minutes (as
 * {@code loop=6m} would) and at the end; MemoryHourBench runs it with {@code -Xmx64m}, so finishing at all
 * shows the recording and its reports fit in issue 7's 64 MB.
 */
public final class MemoryHourProgram {
    private MemoryHourProgram() {
    }

    public static void main(String[] args) {
        int threads = 50;
        int ticks = 360_000;
        Duration interval = AgentOptions.DEFAULT_INTERVAL;
        ManualClock clock = new ManualClock(true);
        Recorder recorder = new Recorder(new SyntheticThreads(threads, 600, 60, 0.5), clock, interval,
                SyntheticThreads::locate, "one hour", Integer.MAX_VALUE).maxMemory(AgentOptions.DEFAULT_MAX_MEMORY);
        recorder.startManual();
        long reportChars = 0;
        long renderNanos = 0;
        for (int i = 1; i <= ticks; i++) {
            clock.advance(interval.toNanos());
            recorder.tick();
            if (i % 36_000 == 0) {
                long start = System.nanoTime();
                Session s = recorder.snapshot();
                reportChars += new ConsoleRenderer().render(s).length() + new HtmlRenderer().render(s).length();
                renderNanos += System.nanoTime() - start;
            }
        }
        recorder.stop();
        Session s = recorder.snapshot();
        System.out.printf(Locale.ROOT, "RESULT samples=%d estimate=%d reports=10 report_chars=%d render_s=%.2f notice=%s%n",
                s.sampleCount(), recorder.memoryEstimate(), reportChars, renderNanos / 1e9, s.memoryNotice().replace(' ', '_'));
    }
}
