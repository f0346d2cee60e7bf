package dev.jprof.it.support;

/** Reads what the ground-truth program measured of itself. */
public final class GroundTruthOutput {
    private GroundTruthOutput() {
    }

    /** The program's own measurement from its {@code TRUTH} line: shares of cpu, sleep and wait. */
    public static double[] shares(String stdout) {
        String line = stdout.lines().filter(l -> l.startsWith("TRUTH ")).findFirst()
                .orElseThrow(() -> new AssertionError("no TRUTH line in " + stdout));
        double[] ns = new double[3];
        String[] parts = line.substring(6).split(" ");
        for (int i = 0; i < 3; i++) {
            ns[i] = Double.parseDouble(parts[i].substring(parts[i].indexOf('=') + 1));
        }
        double sum = ns[0] + ns[1] + ns[2];
        return new double[] {ns[0] / sum, ns[1] / sum, ns[2] / sum};
    }
}
