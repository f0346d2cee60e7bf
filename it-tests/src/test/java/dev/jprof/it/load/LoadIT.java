package dev.jprof.it.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jprof.tree.Frame;
import dev.jprof.Session;
import dev.jprof.it.programs.LoadPrograms;
import dev.jprof.it.support.Jvm;
import dev.jprof.it.support.Trees;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Programs that load the profiler still run unchanged and get a correct report (issue "Hardening"). */
class LoadIT {
    @TempDir
    Path tmp;

    private Session profile(String... args) throws Exception {
        Path out = tmp.resolve("load.jprof");
        String[] cmd = new String[4 + args.length];
        cmd[0] = "-javaagent:" + Jvm.agentJar() + "=outfile=" + out;
        cmd[1] = "-cp";
        cmd[2] = Jvm.testClasses();
        cmd[3] = LoadPrograms.class.getName();
        System.arraycopy(args, 0, cmd, 4, args.length);
        Jvm.Result r = Jvm.run(Jvm.current().command(cmd), tmp, 180);
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.stdout.contains("done"), r.toString());
        return Session.load(out);
    }

    @Test
    void tenThousandPlatformThreads() throws Exception {
        Session s = profile("threads", "10000");
        assertEquals(10_001, s.threadCount(false), "every thread is in the report");
        Frame main = Trees.thread(Trees.aggregated(s), "main");
        assertNotNull(Trees.find(main, "GroundTruth.cpuWork"), "the main thread's work is there");
    }

    @Test
    void aStackOverflowErrorInTheProgram() throws Exception {
        Session s = profile("overflow");
        Frame main = Trees.thread(Trees.aggregated(s), "main");
        assertTrue(Trees.timeIn(main, "LoadPrograms.recurse") > 0.5 * main.time(), "deep recursion profiled");
    }

    @Test
    void aThousandClassLoadersLoadingTheSameClassName() throws Exception {
        Session s = profile("loaders", "1000");
        Frame main = Trees.thread(Trees.aggregated(s), "main");
        Frame spin = Trees.find(main, "LoadPrograms$LoadedTwice.spin");
        assertNotNull(spin, "methods of classes from 1,000 loaders are profiled");
        assertTrue(spin.time() > 0.3, "most of the time is in spin: " + spin);
    }
}
