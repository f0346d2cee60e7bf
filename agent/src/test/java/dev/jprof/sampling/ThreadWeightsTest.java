package dev.jprof.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ThreadWeightsTest {
    @Test
    void timeSkippedAfterADroppedTickIsNotGivenToTheNextSample() {
        ThreadWeights w = new ThreadWeights();
        w.beginTick(0);
        w.seen(0, 100);
        w.seen(1, 900);
        w.skipTo(500);
        assertEquals(500, w.since(0), "the dropped stretch is lost, not weighed by thread 0's next sample");
        assertEquals(900, w.since(1), "a thread seen later keeps its own time");
        assertEquals(500, w.since(2), "a thread seen for the first time counts from the skip");
    }
}
