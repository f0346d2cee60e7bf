package dev.jprof.renderers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link Text#fixed} prints what {@code String.format("%.Nf")} printed, digit for digit. */
class TextFixedTest {
    @Test
    void agreesWithTheFormatterOnRandomAndBoundaryValues() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 200_000; i++) {
            double v;
            switch (i % 4) {
                case 0:
                    v = random.nextDouble() * Math.pow(10, random.nextInt(-6, 7));
                    break;
                case 1:
                    v = random.nextInt(0, 1_000_000) / 1000.0 + 0.0005; // on a third-decimal boundary
                    break;
                case 2:
                    v = random.nextInt(0, 100_000) / 10.0 + 0.05; // on a first-decimal boundary
                    break;
                default:
                    v = random.nextInt(0, 10_000) + 0.5; // on a whole-number boundary
            }
            for (int decimals = 0; decimals <= 3; decimals++) {
                assertEquals(String.format(Locale.ROOT, "%." + decimals + "f", v), Text.fixed(v, decimals),
                        "value " + v + ", " + decimals + " decimals");
            }
        }
    }

    @Test
    void negativeZeroNanAndInfinityAsTheFormatterPrintsThem() {
        for (double v : new double[] {-0.0, -1.5, -0.0001, Double.NaN, Double.POSITIVE_INFINITY, 0.0, 1e300}) {
            assertEquals(String.format(Locale.ROOT, "%.3f", v), Text.fixed(v, 3), "value " + v);
        }
    }
}
