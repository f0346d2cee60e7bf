package dev.jprof.it.async;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jprof.Session;
import dev.jprof.it.programs.VirtualThreadPlaces;
import dev.jprof.it.support.Jvm;
import dev.jprof.it.support.Trees;
import dev.jprof.tree.Frame;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent lists virtual threads wherever the JDK keeps them (issue 13): started directly, in an executor, in an
 * executor nested in a virtual thread. It reads the JDK's container sets itself, not their streams, so this checks
 * that nothing is missed or counted twice: each place's waiting time is its threads' count times the wait.
 */
class VirtualThreadPlacesIT {
    @TempDir
    Path tmp;

    @Test
    void virtualThreadsAreFoundInTheRootInExecutorsAndInNestedExecutors() throws Exception {
        Path out = tmp.resolve("places.jprof");
        Jvm.Result r = Jvm.run(Jvm.jdk25().command("-javaagent:" + Jvm.agentJar() + "=outfile=" + out, "-cp",
                Jvm.testClasses(), VirtualThreadPlaces.class.getName(), "3"), tmp, 60);
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.stdout.contains("PLACES root=3 pool=4 nested=2"), r.toString());
        Session session = Session.load(out);
        assertEquals(9, session.virtualThreadsSeen(), "every virtual thread seen once");
        Frame root = Trees.aggregated(session);
        double atRoot = Trees.timeIn(root, "VirtualThreadPlaces.waitAtRoot");
        double inPool = Trees.timeIn(root, "VirtualThreadPlaces.waitInPool");
        double nested = Trees.timeIn(root, "VirtualThreadPlaces.waitNested");
        String times = String.format("root %.2f s, pool %.2f s, nested %.2f s", atRoot, inPool, nested);
        System.out.println(times);
        // 3 s each; the parked threads are walked a few a tick, each standing for the others: sampling noise only.
        assertEquals(9, atRoot, 3, times);
        assertEquals(12, inPool, 4, times);
        assertEquals(6, nested, 2, times);
    }
}
