package dev.jprof.renderers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jprof.testing.Sessions;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** A sleep reads {@code Thread.sleep} on every JDK, whatever private methods the JDK runs under it. */
class JdkPrivateHelpersTest {
    private static String report(String... sleepFrames) {
        Sessions s = new Sessions();
        String[] stack = new String[2 + sleepFrames.length];
        stack[0] = "com.acme.Main.main:10";
        stack[1] = "com.acme.Main.waitForIt:20";
        System.arraycopy(sleepFrames, 0, stack, 2, sleepFrames.length);
        s.source.set(1, "main", dev.jprof.sampling.ThreadState.TIMED_WAITING, stack);
        s.tick(10, 50);
        String text = new ConsoleRenderer(false, false, ConsoleRenderer.TimeFormat.SECONDS, false, false, null,
                ZoneOffset.UTC).render(s.recorder.snapshot());
        return text.substring(text.indexOf("Program:"));
    }

    @Test
    void jdk25SleepInternalsFoldIntoThreadSleepAsOnJdk17() {
        String jdk17 = report("java.lang.Thread.sleep:-2");
        String jdk25 = report("java.lang.Thread.sleep:509", "java.lang.Thread.sleepNanos:541",
                "java.lang.Thread.sleepNanos0:-2");
        assertTrue(jdk25.contains("Thread.sleep"), jdk25);
        assertFalse(jdk25.contains("sleepNanos") || jdk25.contains("frames hidden"), jdk25);
        assertEquals(jdk17.replaceAll("Thread.java(:\\d+)?", ""), jdk25.replaceAll("Thread.java(:\\d+)?", ""));
    }
}
