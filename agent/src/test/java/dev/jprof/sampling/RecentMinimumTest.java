package dev.jprof.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RecentMinimumTest {
    @Test
    void isTheSmallestOfTheLastFewValues() {
        RecentMinimum m = new RecentMinimum(3);
        assertEquals(50, m.add(50));
        assertEquals(20, m.add(20));
        assertEquals(20, m.add(9000), "one slow walk (waiting for a CPU) does not count");
        assertEquals(20, m.add(70));
        assertEquals(70, m.add(80), "20 fell out of the window");
    }
}
