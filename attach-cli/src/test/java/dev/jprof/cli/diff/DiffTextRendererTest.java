package dev.jprof.cli.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jprof.Session;
import dev.jprof.renderers.RenderOptions;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiffTextRendererTest {
    private static Session split(int hot, int cold) {
        return new Recording("Main")
                .only(1, "main", "com.acme.Main.main", "com.acme.Main.hot").ticks(hot)
                .only(1, "main", "com.acme.Main.main", "com.acme.Main.cold").ticks(cold)
                .session();
    }

    private static ProfileDiff diff(Session a, Session b) {
        return ProfileDiff.compare(new ProfileDiff.Profile(a, "a.jprof"), new ProfileDiff.Profile(b, "b.jprof"),
                new RenderOptions());
    }

    private static List<String> lines(String text) {
        return Arrays.asList(text.split("\n"));
    }

    @Test
    void headerNamesBothProfilesThenTheLargestChangesComeFirst() {
        List<String> out = lines(new DiffTextRenderer(20, false, false, false).render(diff(split(20, 80), split(60, 40))));
        assertEquals(List.of("",
                "  jprof diff - change of each frame's share of wall time, A to B, largest first",
                "  A: a.jprof  1.000 s, 100 samples  Program: Main",
                "  B: b.jprof  1.000 s, 100 samples  Program: Main",
                "",
                "   change  A share  B share    A time    B time  frame  (called from)",
                "   +40.0%    20.0%    60.0%     0.200     0.600  Main.hot  < Main.main < [thread] main",
                "   -40.0%    80.0%    40.0%     0.800     0.400  Main.cold  < Main.main < [thread] main",
                "     0.0%   100.0%   100.0%     1.000     1.000  Main.main  < [thread] main",
                "     0.0%   100.0%   100.0%     1.000     1.000  [thread] main"), out);
    }

    @Test
    void differentLengthsAreNotedInOneLine() {
        String out = new DiffTextRenderer(20, false, false, false).render(diff(split(20, 80), split(40, 160)));
        assertTrue(out.contains("\n  Note: A and B are different lengths (1.000 s and 2.000 s): compared by share of each"
                + " profile's total time; seconds are for reference only.\n"), out);
    }

    @Test
    void topLimitsTheListAndTheTreeShowsEveryFramesChange() {
        Session a = split(20, 80);
        Session b = new Recording("Main")
                .only(1, "main", "com.acme.Main.main", "com.acme.Main.hot").ticks(60)
                .only(1, "main", "com.acme.Main.main", "com.acme.Main.fresh").ticks(40).session();
        String out = new DiffTextRenderer(2, true, true, false).render(diff(a, b));
        assertTrue(out.contains("\n  ... 3 more (--top N)\n"), out);
        assertTrue(out.contains("   -80.0%    80.0%     0.0%     0.800     0.000  Main.cold  (gone)  \u2190 Main.main \u2190 [thread] main\n"), out);
        assertTrue(out.endsWith("  Tree (B's order; change of share, then B's share)\n"
                + "  0.0% 100.0% [thread] main\n"
                + "  \u2514\u2500 0.0% 100.0% Main.main\n"
                + "     \u251c\u2500 +40.0% 60.0% Main.hot\n"
                + "     \u251c\u2500 +40.0% 40.0% Main.fresh  (new)\n"
                + "     \u2514\u2500 -80.0% 0.0% Main.cold  (gone)\n"), out);
    }

    @Test
    void coloursGrowthRedAndShrinkageBlue() {
        String out = new DiffTextRenderer(20, false, false, true).render(diff(split(20, 80), split(60, 40)));
        assertTrue(out.contains("\033[31m +40.0%\033[0m"), out);
        assertTrue(out.contains("\033[34m -40.0%\033[0m"), out);
    }
}
