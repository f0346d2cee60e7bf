package demo;

import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class CheckoutTest {
    static long xorshift(long x, long steps) {
        for (long i = 0; i < steps; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
        }
        return x;
    }

    /** About 1.5 s of data-dependent work, checked against the clock so the JIT cannot fold it away. */
    static long slowCheckout() {
        long end = System.nanoTime() + 1_500_000_000L;
        long x = 88172645463325252L;
        while (System.nanoTime() < end) {
            x = xorshift(x, 50_000);
        }
        return x;
    }

    @Test
    void slow() {
        assertNotEquals(0, slowCheckout());
    }

    @Test
    void fast() {
        assertNotEquals(0, xorshift(1, 1_000));
    }

    @Test
    void alsoFast() {
        assertNotEquals(0, xorshift(2, 1_000));
    }
}
