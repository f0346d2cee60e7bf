package dev.jprof.cli.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jprof.Session;
import dev.jprof.renderers.RenderOptions;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ProfileDiffTest {
    private static final double EPS = 1e-9;

    /** main's work split between hot and cold: hot ticks, then cold ticks. */
    private static Session split(String program, int hot, int cold) {
        return new Recording(program)
                .only(1, "main", "com.acme.Main.main", "com.acme.Main.hot").ticks(hot)
                .only(1, "main", "com.acme.Main.main", "com.acme.Main.cold").ticks(cold)
                .session();
    }

    private static ProfileDiff diff(Session a, Session b, RenderOptions options) {
        return ProfileDiff.compare(new ProfileDiff.Profile(a, "a.jprof"), new ProfileDiff.Profile(b, "b.jprof"), options);
    }

    private static DiffNode find(ProfileDiff diff, String name) {
        return diff.ranked().stream().filter(n -> n.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " not among " + names(diff.ranked())));
    }

    private static List<String> names(List<DiffNode> nodes) {
        return nodes.stream().map(DiffNode::name).collect(Collectors.toList());
    }

    @Test
    void theFrameWhoseShareGrewMostComesFirstWithBothTimesAndShares() {
        ProfileDiff d = diff(split("Main, pid 1", 20, 80), split("Main, pid 2", 60, 40), new RenderOptions());
        List<DiffNode> ranked = d.ranked();
        DiffNode hot = ranked.get(0);
        assertEquals("Main.hot", hot.name());
        assertEquals(List.of("[thread] main", "Main.main", "Main.hot"), names(hot.path()));
        assertEquals(0.2, hot.timeA(), EPS);
        assertEquals(0.6, hot.timeB(), EPS);
        assertEquals(0.2, d.shareA(hot), EPS);
        assertEquals(0.6, d.shareB(hot), EPS);
        assertEquals(0.4, d.change(hot), EPS);
        DiffNode cold = ranked.get(1);
        assertEquals("Main.cold", cold.name());
        assertEquals(-0.4, d.change(cold), EPS);
        assertEquals(0, d.change(find(d, "Main.main")), EPS);
        assertEquals("", d.unlikeNote(), "the same program (another pid), the same length");
    }

    @Test
    void profilesOfDifferentLengthsCompareByShareAndSaySo() {
        ProfileDiff d = diff(split("Main", 20, 80), split("Main", 60, 240), new RenderOptions());
        assertEquals(0, d.change(find(d, "Main.hot")), EPS, "the same split over three times as long: no change");
        assertEquals(0.6, find(d, "Main.hot").timeB(), EPS);
        assertEquals("A and B are different lengths (1.000 s and 3.000 s): compared by share of each profile's total"
                + " time; seconds are for reference only.", d.unlikeNote());
        ProfileDiff programs = diff(split("Main a b, pid 1", 20, 80), split("Other, pid 2", 20, 80), new RenderOptions());
        assertTrue(programs.unlikeNote().startsWith("A and B are different programs: compared by share"), programs.unlikeNote());
    }

    @Test
    void framesOnlyInOneProfileCompareAgainstNothing() {
        Session a = split("Main", 50, 50);
        Session b = new Recording("Main")
                .only(1, "main", "com.acme.Main.main", "com.acme.Main.hot").ticks(50)
                .only(1, "main", "com.acme.Main.main", "com.acme.Main.fresh").ticks(50).session();
        ProfileDiff d = diff(a, b, new RenderOptions());
        DiffNode fresh = find(d, "Main.fresh");
        DiffNode cold = find(d, "Main.cold");
        assertEquals(0, fresh.timeA(), EPS);
        assertEquals(0.5, d.change(fresh), EPS);
        assertEquals(0, cold.timeB(), EPS);
        assertEquals(-0.5, d.change(cold), EPS);
        assertEquals(List.of("Main.fresh", "Main.cold"), names(d.ranked().subList(0, 2)), "of equal changes, the one that grew first");
    }

    @Test
    void smallPathsAreComparedBeforeTheThresholdDropsThem() {
        // 0.5% in both: not listed; 0.5% in A and 1.5% in B: listed as +1.0, not as appearing from nothing.
        Session a = new Recording("Main")
                .only(1, "main", "com.acme.Main.main", "com.acme.Main.work").ticks(198)
                .only(1, "main", "com.acme.Main.main", "com.acme.Main.tiny").ticks(1)
                .only(1, "main", "com.acme.Main.main", "com.acme.Main.small").ticks(1).session();
        Session b = new Recording("Main")
                .only(1, "main", "com.acme.Main.main", "com.acme.Main.work").ticks(196)
                .only(1, "main", "com.acme.Main.main", "com.acme.Main.tiny").ticks(1)
                .only(1, "main", "com.acme.Main.main", "com.acme.Main.small").ticks(3).session();
        ProfileDiff d = diff(a, b, new RenderOptions());
        assertFalse(names(d.ranked()).contains("Main.tiny"), names(d.ranked()).toString());
        DiffNode small = find(d, "Main.small");
        assertEquals(0.005, d.shareA(small), EPS);
        assertEquals(0.01, d.change(small), EPS);
        RenderOptions lower = new RenderOptions();
        lower.processorOptions().filterThreshold(0.001);
        assertTrue(names(diff(a, b, lower).ranked()).contains("Main.tiny"), "a lower threshold lists it");
    }

    @Test
    void hiddenLibraryFramesAreLeftOutOfPathsAsInTheTextReportUnlessShowAll() {
        String[] stack = {"com.acme.Main.main", "org.lib.A.enter", "org.lib.B.middle", "org.lib.C.leave", "com.acme.Main.callback"};
        Session a = new Recording("Main").only(1, "main", stack).ticks(50)
                .only(1, "main", "com.acme.Main.main", "com.acme.Main.other").ticks(50).session();
        Session b = new Recording("Main").only(1, "main", stack).ticks(80)
                .only(1, "main", "com.acme.Main.main", "com.acme.Main.other").ticks(20).session();
        DiffNode callback = find(diff(a, b, new RenderOptions()), "Main.callback");
        assertEquals(List.of("[thread] main", "Main.main", "A.enter", "C.leave", "Main.callback"), names(callback.path()));
        DiffNode all = find(diff(a, b, new RenderOptions().showAll(true)), "Main.callback");
        assertEquals(List.of("[thread] main", "Main.main", "A.enter", "B.middle", "C.leave", "Main.callback"),
                names(all.path()));
    }

    @Test
    void threadsOfTheSameNameAreOnePathAcrossRunsWhateverTheirIds() {
        Session a = new Recording("Main").only(1, "main", "com.acme.Main.main").thread(7, "worker", "com.acme.W.run").ticks(10)
                .session();
        Session b = new Recording("Main").only(1, "main", "com.acme.Main.main").thread(42, "worker", "com.acme.W.run").ticks(10)
                .session();
        ProfileDiff d = diff(a, b, new RenderOptions());
        DiffNode run = find(d, "W.run");
        assertEquals(0.1, run.timeA(), EPS);
        assertEquals(0.1, run.timeB(), EPS);
        assertEquals(2, d.root().children().size());
    }

    @Test
    void ofEqualChangesTheDeeperFrameComesFirst() {
        Session a = new Recording("Main").only(1, "main", "com.acme.Main.main", "com.acme.Main.a", "com.acme.Main.leaf").ticks(30)
                .only(1, "main", "com.acme.Main.main", "com.acme.Main.b").ticks(70).session();
        Session b = new Recording("Main").only(1, "main", "com.acme.Main.main", "com.acme.Main.a", "com.acme.Main.leaf").ticks(70)
                .only(1, "main", "com.acme.Main.main", "com.acme.Main.b").ticks(30).session();
        assertEquals(List.of("Main.leaf", "Main.a", "Main.b"), names(diff(a, b, new RenderOptions()).ranked().subList(0, 3)));
    }
}
