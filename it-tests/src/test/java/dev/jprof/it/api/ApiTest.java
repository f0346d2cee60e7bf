package dev.jprof.it.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jprof.tree.Frame;
import dev.jprof.Session;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The Java API in a real JVM, jprof.jar on the class path as a library (no -javaagent), on JDK 17 and 25. */
class ApiTest {
    @ParameterizedTest
    @EnumSource(Jvm.Jdk.class)
    void profilesTheCallingThreadAndTrimsToTheCallerOfStart(Jvm.Jdk jdk, @TempDir Path dir) throws Exception {
        Path file = dir.resolve("api.jprof");
        Jvm.Result r = Jvm.run(jdk, ApiTarget.class, file.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        assertFalse(r.stderr().contains("jprof:"), "no jprof message expected: " + r.stderr());
        assertTrue(r.stdout().contains("running=false"), r.stdout());
        assertTrue(r.stdout().contains("ApiTarget.busyWork"), r.stdout());

        Session s = Session.load(file);
        assertEquals(List.of("main"), s.threadNames(), "only the thread that called start() is profiled");
        assertTrue(s.sampleCount() >= 5, "samples: " + s.sampleCount()); // a loaded CI machine samples less often
        assertTrue(s.duration() >= 0.3, "duration: " + s.duration());
        List<StackTraceElement> start = s.startCallStack();
        assertEquals("runProfiled", start.get(start.size() - 1).getMethodName());

        Frame thread = s.rootFrame().children().get(0);
        assertEquals(Frame.Kind.THREAD, thread.kind());
        assertEquals(1, thread.children().size(), "the stem above runProfiled() is trimmed");
        Frame first = thread.children().get(0);
        assertEquals(ApiTarget.class.getName(), first.className());
        assertEquals("runProfiled", first.methodName());
        assertTrue(first.isApplicationCode(), "the target's classes directory is application code");
        double busy = first.children().stream().filter(f -> f.methodName().equals("busyWork"))
                .mapToDouble(Frame::time).sum();
        assertTrue(busy > 0.5 * first.time(), "busyWork " + busy + " of " + first.time());
        assertTrue(s.rootFrame(false).children().get(0).children().get(0).methodName().equals("main"));
    }

    @ParameterizedTest
    @EnumSource(Jvm.Jdk.class)
    void theAllThreadsOptionProfilesOtherThreads(Jvm.Jdk jdk, @TempDir Path dir) throws Exception {
        Path file = dir.resolve("all.jprof");
        Jvm.Result r = Jvm.run(jdk, ApiTarget.class, file.toString(), "all");
        assertEquals(0, r.exitCode(), r.stderr());
        Session s = Session.load(file);
        assertTrue(s.threadNames().contains("main"), s.threadNames().toString());
        assertTrue(s.threadNames().contains("bystander"), s.threadNames().toString());
        assertTrue(r.stdout().contains("[thread] bystander"), r.stdout());
    }
}
