package dev.jprof.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** The extension run by the real Jupiter engine on small test classes (nested here, run only through the kit). */
class JprofExtensionTest {
    @TempDir
    Path reports;

    static long xorshift(long x, long steps) {
        for (long i = 0; i < steps; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
        }
        return x;
    }

    /** Data-dependent work for at least {@code millis}, checked in chunks so the JIT cannot fold it. */
    static long burn(long millis) {
        long end = System.nanoTime() + millis * 1_000_000L;
        long x = 88172645463325252L;
        while (System.nanoTime() < end) {
            x = xorshift(x, 20_000);
        }
        return x;
    }

    @ExtendWith({OnlyInTestKit.class, JprofExtension.class})
    static class Tests {
        static volatile long sink;

        @Test
        void slowTest() throws InterruptedException {
            sink += slowPartOnTheTestThread();
            Thread helper = new Thread(() -> sink += slowPartOnAHelperThread(), "test-helper");
            helper.start();
            helper.join();
        }

        static long slowPartOnTheTestThread() {
            return burn(250);
        }

        static long slowPartOnAHelperThread() {
            return burn(250);
        }

        @Test
        void fastTest() {
            sink += xorshift(1, 1000);
        }

        @RepeatedTest(2)
        void repeated() {
            sink += burn(1);
        }
    }

    /** Registered by nothing but autodetection. */
    @ExtendWith(OnlyInTestKit.class)
    static class AutodetectedTests {
        @Test
        void slowWithoutExtendWith() {
            Tests.sink += burn(250);
        }
    }

    private EngineExecutionResults run(Class<?> testClass, Map<String, String> parameters) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass))
                .configurationParameter(OnlyInTestKit.KEY, "true").configurationParameters(parameters).execute();
    }

    private List<String> reportFiles() throws IOException {
        if (!Files.isDirectory(reports)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(reports)) {
            return files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void onlyTheSlowTestKeepsAReportOfItsOwnThreads() throws Exception {
        String slow = Tests.class.getName() + ".slowTest";
        AtomicBoolean stop = new AtomicBoolean();
        Thread bystander = new Thread(() -> {
            while (!stop.get()) {
                Tests.sink += bystanderWork();
            }
        }, "bystander");
        bystander.start();
        EngineExecutionResults results;
        try {
            results = run(Tests.class, Map.of(Settings.THRESHOLD, "400ms", Settings.DIR, reports.toString()));
        } finally {
            stop.set(true);
            bystander.join();
        }
        results.testEvents().assertStatistics(s -> s.succeeded(4).failed(0));
        assertEquals(List.of(slow + ".html", slow + ".txt"), reportFiles());

        String text = Files.readString(reports.resolve(slow + ".txt"), StandardCharsets.UTF_8);
        assertTrue(text.contains("slowPartOnTheTestThread"), text);
        assertTrue(text.contains("slowPartOnAHelperThread"), "a thread the test started is profiled: " + text);
        assertTrue(text.contains("test-helper"), text);
        assertFalse(text.contains("bystanderWork"), "a thread older than the test is not: " + text);
        String html = Files.readString(reports.resolve(slow + ".html"), StandardCharsets.UTF_8);
        assertTrue(html.contains("slowPartOnTheTestThread"), "the HTML page carries the same profile");

        List<ReportEntry> entries = results.testEvents().reportingEntryPublished().stream()
                .map(e -> e.getPayload(ReportEntry.class).orElseThrow()).collect(Collectors.toList());
        assertEquals(1, entries.size(), entries.toString());
        assertEquals(Map.of("jprof.text", reports.resolve(slow + ".txt").toString(),
                "jprof.html", reports.resolve(slow + ".html").toString()), entries.get(0).getKeyValuePairs());
    }

    static long bystanderWork() {
        return xorshift(7, 50_000);
    }

    @Test
    void thresholdZeroKeepsEveryTestAndNamesRepetitions() throws Exception {
        run(Tests.class, Map.of(Settings.THRESHOLD, "0", Settings.DIR, reports.toString()))
                .testEvents().assertStatistics(s -> s.succeeded(4));
        String base = Tests.class.getName();
        assertEquals(List.of(base + ".fastTest.html", base + ".fastTest.txt", base + ".repeated[1].html",
                base + ".repeated[1].txt", base + ".repeated[2].html", base + ".repeated[2].txt",
                base + ".slowTest.html", base + ".slowTest.txt"), reportFiles());
    }

    @Test
    void autodetectionRegistersTheExtension() throws Exception {
        run(AutodetectedTests.class, Map.of(Settings.THRESHOLD, "100ms", Settings.DIR, reports.toString()))
                .testEvents().assertStatistics(s -> s.succeeded(1));
        assertEquals(List.of(), reportFiles(), "not registered without autodetection");
        run(AutodetectedTests.class, Map.of("junit.jupiter.extensions.autodetection.enabled", "true",
                Settings.THRESHOLD, "100ms", Settings.DIR, reports.toString()))
                .testEvents().assertStatistics(s -> s.succeeded(1));
        String name = AutodetectedTests.class.getName() + ".slowWithoutExtendWith";
        assertEquals(List.of(name + ".html", name + ".txt"), reportFiles());
    }

    @Test
    void aFailingTestStillFailsAndIsReported() throws Exception {
        run(FailingTests.class, Map.of(Settings.THRESHOLD, "0", Settings.DIR, reports.toString()))
                .testEvents().assertStatistics(s -> s.failed(1));
        String name = FailingTests.class.getName() + ".fails";
        assertEquals(List.of(name + ".html", name + ".txt"), reportFiles());
    }

    @ExtendWith({OnlyInTestKit.class, JprofExtension.class})
    static class FailingTests {
        @Test
        void fails() {
            throw new AssertionError("expected");
        }
    }
}
