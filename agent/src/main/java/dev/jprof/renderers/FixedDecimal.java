package dev.jprof.renderers;

/**
 * A non-negative finite double with a fixed number of decimals, rounded half up from its shortest decimal form
 * ({@link Double#toString}), as {@code String.format("%.Nf")} and {@code BigDecimal.setScale(N, HALF_UP)} print
 * it, on the digits of that form alone. Both of those cost a cold JVM's first use 5-15 ms (the Formatter's
 * parsing; {@code BigDecimal}'s static caches, 13 ms of interpreted {@code BigInteger} multiplications on JDK 25),
 * and the text report at a JVM's exit is often that first use.
 */
final class FixedDecimal {
    private FixedDecimal() {
    }

    /** {@code value} (non-negative, finite) with {@code decimals} decimals (0 or more). */
    static String of(double value, int decimals) {
        String shortest = Double.toString(value);
        int e = shortest.indexOf('E');
        String mantissa = e < 0 ? shortest : shortest.substring(0, e);
        int exponent = e < 0 ? 0 : Integer.parseInt(shortest.substring(e + 1));
        int dot = mantissa.indexOf('.');
        String digits = mantissa.substring(0, dot) + mantissa.substring(dot + 1);
        // value = 0.digits x 10^point
        int point = dot + exponent;
        int keep = point + decimals;
        // the value times 10^decimals, rounded: digits[0, keep), plus one when the first digit dropped is 5 or more
        StringBuilder n = new StringBuilder();
        for (int i = 0; i < keep; i++) {
            n.append(i < digits.length() ? digits.charAt(i) : '0');
        }
        boolean up = keep >= 0 && keep < digits.length() && digits.charAt(keep) >= '5';
        if (up) {
            int i = n.length() - 1;
            while (i >= 0 && n.charAt(i) == '9') {
                n.setCharAt(i--, '0');
            }
            if (i >= 0) {
                n.setCharAt(i, (char) (n.charAt(i) + 1));
            } else {
                n.insert(0, '1');
            }
        }
        while (n.length() < decimals + 1) {
            n.insert(0, '0');
        }
        int whole = n.length() - decimals;
        int first = 0;
        while (first < whole - 1 && n.charAt(first) == '0') {
            first++;
        }
        String integer = n.substring(first, whole);
        return decimals == 0 ? integer : integer + "." + n.substring(whole);
    }
}
