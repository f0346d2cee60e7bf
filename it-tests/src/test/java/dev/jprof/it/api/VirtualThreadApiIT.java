package dev.jprof.it.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jprof.tree.Frame;
import dev.jprof.Session;
import dev.jprof.it.support.Trees;
import java.io.File;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Profiler API started on a virtual thread profiles that thread, without -javaagent (issue 6). */
class VirtualThreadApiIT {
    @TempDir
    Path tmp;

    @Test
    void aProfilerStartedOnAVirtualThreadProfilesIt() throws Exception {
        dev.jprof.it.support.Jvm jdk = dev.jprof.it.support.Jvm.jdk25();
        Path out = tmp.resolve("v.jprof");
        String cp = dev.jprof.it.support.Jvm.testClasses() + File.pathSeparator + dev.jprof.it.support.Jvm.agentJar();
        dev.jprof.it.support.Jvm.Result r = dev.jprof.it.support.Jvm.run(jdk.command("-cp", cp,
                VirtualThreadApiTarget.class.getName(), out.toString()), tmp, 60);
        assertEquals(0, r.exitCode, r.toString());
        Frame root = Trees.aggregated(Session.load(out));
        assertEquals(1, root.children().size(), "only the calling virtual thread: " + root.children());
        Frame thread = root.children().get(0);
        assertTrue(thread.isVirtualThread(), thread.toString());
        assertEquals(1, thread.children().size(), "one stem: " + thread.children());
        assertEquals(VirtualThreadApiTarget.class.getName(), thread.children().get(0).className(),
                "the stem is trimmed to the caller of start(), not VirtualThread.run: " + thread.children());
        Frame work = Trees.find(thread, "VirtualThreadApiTarget.work");
        assertNotNull(work, "the work is profiled");
        double cpu = Trees.timeIn(work, "GroundTruth.cpuWork");
        double awaiting = work.children().stream().filter(c -> c.identifier().equals(Frame.AWAIT))
                .mapToDouble(Frame::time).sum();
        assertTrue(cpu > 0.25 && awaiting > 0.25, "cpu " + cpu + " s, await " + awaiting + " s in " + work.children());
    }
}
