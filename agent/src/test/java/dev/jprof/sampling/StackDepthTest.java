package dev.jprof.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class StackDepthTest {
    private static StackTraceElement[] stack(int depth) {
        StackTraceElement[] s = new StackTraceElement[depth];
        for (int i = 0; i < depth; i++) {
            s[i] = new StackTraceElement("com.acme.R", "descend", "R.java", i);
        }
        return s;
    }

    @Test
    void aStackWithinTheLimitIsKeptAsItIs() {
        StackTraceElement[] s = stack(2048);
        assertSame(s, StackDepth.limit(s, 2048));
    }

    @Test
    void aDeeperStackKeepsItsInnermostFramesAndSaysItWasCut() {
        StackTraceElement[] cut = StackDepth.limit(stack(10_000), 2048);
        assertEquals(2048, cut.length);
        assertEquals(0, cut[0].getLineNumber(), "the top frame stays");
        assertEquals(2046, cut[2046].getLineNumber());
        assertEquals(StackDepth.MARKER_CLASS, cut[2047].getClassName());
        assertEquals("[stack cut: innermost 2047 frames kept]", cut[2047].getMethodName());
    }
}
