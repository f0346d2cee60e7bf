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
    void agreesWithTheFormatterFromTinyToHugeValuesWithUpToSixDecimals() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 50_000; i++) {
            double v = random.nextDouble() * Math.pow(10, random.nextInt(-12, 23));
            for (int decimals = 0; decimals <= 6; decimals++) {
                assertEquals(String.format(Locale.ROOT, "%." + decimals + "f", v), Text.fixed(v, decimals),
                        "value " + v + ", " + decimals + " decimals");
            }
        }
        for (double v : new double[] {9.9995, 0.9995, 99.5, 999_999.9999, 1e-7, 5e-4, 4.9999e-4, Double.MIN_VALUE,
                Double.MAX_VALUE, 123456789012345678.0}) {
            for (int decimals = 0; decimals <= 6; decimals++) {
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
