package dev.jprof.it.api;

import dev.jprof.Profiled;
import dev.jprof.Profiler;
import dev.jprof.Session;
import dev.jprof.renderers.RenderOptions;
import java.nio.file.Path;

public class ReadmeExample {
    public static void main(String[] args) throws Exception {
        // 1. Start and stop: samples the calling thread every 1 ms.
        Profiler profiler = new Profiler();
        profiler.start();
        slowFibonacci(32);
        profiler.stop();
        profiler.print();                       // text report on stdout

        // 2. try-with-resources: close() stops the profiler.
        Profiler second = Profiler.startNew();
        try (second) {
            slowFibonacci(30);
        }
        System.out.print(second.outputText(new RenderOptions().unicode(true)));

        // 3. One call: the result and the session; save it, load it back later.
        Profiled<Long> fib = Profiler.profile(() -> slowFibonacci(30));
        Path file = Path.of(args.length > 0 ? args[0] : "fib.jprof");
        fib.session().save(file);
        Session loaded = Session.load(file);
        System.out.println("fib(30) = " + fib.result() + ", " + loaded.sampleCount() + " samples");
    }

    static long slowFibonacci(int n) {
        return n < 2 ? n : slowFibonacci(n - 1) + slowFibonacci(n - 2);
    }
}
