package dev.jprof.junit;

import dev.jprof.Profiler;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

/**
 * Profiles each test with jprof and keeps a report of the slow ones. Register it with
 * {@code @ExtendWith(JprofExtension.class)} on a test class, or for every test by JUnit's extension
 * autodetection ({@code junit.jupiter.extensions.autodetection.enabled=true}).
 *
 * <p>The test method's thread and the threads started while it runs are sampled (platform threads; every
 * {@code jprof.junit.interval}, default 10 ms), from a twentieth of the threshold into the test (at most
 * 50 ms), so that the many fast tests cost next to nothing. When the method took at least {@code jprof.junit.threshold}
 * (default {@code 1s}; e.g. {@code 500ms}, {@code 2s}, {@code 0} for every test) its report is written as
 * text and HTML to {@code jprof.junit.dir} (default {@code target/jprof}, or {@code build/jprof} when the
 * working directory has a {@code build.gradle(.kts)}), named by class and method, e.g.
 * {@code com.acme.OrderTest.checkout.html}; the paths are published as report entries {@code jprof.text}
 * and {@code jprof.html}, the files are attached to the test on JUnit 5.12+, and one line on standard
 * error names them. A faster test leaves nothing behind. {@code @BeforeEach} and {@code @AfterEach}
 * methods are not part of the profile. The extension never fails a test: a problem is one line on
 * standard error.
 */
public final class JprofExtension implements InvocationInterceptor {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(JprofExtension.class);
    private static final FilePublisher FILES = FilePublisher.forContextType(ExtensionContext.class);

    /** Creates the extension; JUnit does this, through {@code @ExtendWith} or autodetection. */
    public JprofExtension() {
    }

    /** Profiles a {@code @Test} method. */
    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
                                    ExtensionContext context) throws Throwable {
        profile(invocation, context);
    }

    /** Profiles one invocation of a {@code @RepeatedTest} or {@code @ParameterizedTest} method. */
    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
                                            ExtensionContext context) throws Throwable {
        profile(invocation, context);
    }

    private static void profile(Invocation<Void> invocation, ExtensionContext context) throws Throwable {
        Settings settings = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Settings.class,
                k -> Settings.from(context::getConfigurationParameter, Path.of("").toAbsolutePath(), messages()),
                Settings.class);
        Profiler profiler;
        DeferredProfile profile;
        try {
            profiler = Profiler.builder().interval(settings.interval).threads(TestThreads.ofCurrentTest())
                    .targetDescription(testName(context)).build();
            profile = DeferredProfile.start(profiler, DeferredProfile.grace(settings.threshold));
        } catch (RuntimeException e) {
            messages().println("jprof: " + testName(context) + " is not profiled: " + e);
            invocation.proceed();
            return;
        }
        long start = System.nanoTime();
        try {
            invocation.proceed();
        } finally {
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            boolean profiled = false;
            try {
                profiled = profile.stop();
            } catch (RuntimeException e) {
                messages().println("jprof: the profiler of " + testName(context) + " failed: " + e);
            }
            if (profiled && settings.isSlow(elapsed)) {
                report(profiler, context, settings, elapsed);
            }
        }
    }

    /** Standard error as it is now: a test framework may capture it per test. */
    private static PrintStream messages() {
        return System.err;
    }

    private static void report(Profiler profiler, ExtensionContext context, Settings settings, Duration elapsed) {
        String name = testName(context);
        try {
            SlowTestReport report = SlowTestReport.write(profiler, settings.dir, SlowTestReport.baseName(
                    context.getRequiredTestClass().getName(), context.getRequiredTestMethod().getName(),
                    context.getUniqueId()));
            Map<String, String> entry = new LinkedHashMap<>();
            entry.put("jprof.text", report.text.toString());
            entry.put("jprof.html", report.html.toString());
            context.publishReportEntry(entry);
            FILES.publish(context, report.text, "text/plain");
            FILES.publish(context, report.html, "text/html");
            messages().println("jprof: " + name + " took " + Settings.format(elapsed) + " (threshold "
                    + Settings.format(settings.threshold) + "): " + report.html);
        } catch (Exception e) {
            messages().println("jprof: the report of " + name + " could not be written: " + e);
        }
    }

    private static String testName(ExtensionContext context) {
        String method = context.getTestMethod().map(Method::getName).orElse(context.getDisplayName());
        return context.getTestClass().map(Class::getName).map(c -> c + "." + method).orElse(method);
    }
}
