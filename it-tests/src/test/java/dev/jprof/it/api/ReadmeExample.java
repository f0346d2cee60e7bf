package dev.jprof.it.api;

import dev.jprof.Profiled;
import dev.jprof.Profiler;
import dev.jprof.Session;
import dev.jprof.renderers.RenderOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

public class ReadmeExample {
    public static void main(String[] args) throws Exception {
        // 1. Start and stop: samples the calling thread every 1 ms.
        Profiler profiler = new Profiler();
        profiler.start();
        buildReport(40_000);
        profiler.stop();
        profiler.print();                       // text report on stdout

        // 2. try-with-resources: close() stops the profiler.
        Profiler second = Profiler.startNew();
        try (second) {
            buildReport(20_000);
        }
        System.out.print(second.outputText(new RenderOptions().unicode(true)));

        // 3. One call: the result and the session; save it, load it back later.
        Profiled<Long> fib = Profiler.profile(() -> slowFibonacci(30));
        Path file = Path.of(args.length > 0 ? args[0] : "fib.jprof");
        fib.session().save(file);
        Session loaded = Session.load(file);
        System.out.println("fib(30) = " + fib.result() + ", " + loaded.sampleCount() + " samples");
    }

    static long buildReport(int rows) {
        List<String> lines = parse(rows);
        Collections.sort(lines);
        return summarise(lines);
    }

    static List<String> parse(int rows) {
        Random random = new Random(42);
        List<String> lines = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            lines.add(String.format("%08x,customer-%d,%.2f", random.nextInt(), i % 977, random.nextDouble() * 100));
        }
        return lines;
    }

    static long summarise(List<String> lines) {
        long total = 0;
        for (String line : lines) {
            for (int round = 0; round < 200; round++) {
                total = total * 31 + line.charAt(round % line.length());
            }
        }
        return total;
    }

    static long slowFibonacci(int n) {
        return n < 2 ? n : slowFibonacci(n - 1) + slowFibonacci(n - 2);
    }
}
