package demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SlowTest {
    @Test
    void slow() throws Exception {
        long start = System.nanoTime();
        assertNotEquals(0, xorshiftBurn(1500));
        // The ground truth the profile is checked against: how long the burn took by this thread's clock.
        Files.writeString(Path.of("target", "burn-millis.txt"), Long.toString((System.nanoTime() - start) / 1_000_000));
        // mvn test -Dslow.fail=true fails the build, for the exit status test.
        assertEquals("false", System.getProperty("slow.fail", "false"), "asked to fail");
    }

    /** Burns CPU for about {@code millis} with data-dependent work the JIT cannot fold away. */
    static long xorshiftBurn(long millis) {
        long end = System.nanoTime() + millis * 1_000_000;
        long x = 88172645463325252L;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 10_000; i++) {
                x ^= x << 13;
                x ^= x >>> 7;
                x ^= x << 17;
            }
        }
        return x;
    }
}
