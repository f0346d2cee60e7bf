package dev.jprof.jmh;

import dev.jprof.agent.AgentOptions;
import dev.jprof.renderers.Renderers;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import joptsimple.OptionException;
import joptsimple.OptionParser;
import joptsimple.OptionSet;
import joptsimple.OptionSpec;
import org.openjdk.jmh.profile.ProfilerException;

/**
 * The profiler's options, written as JMH writes every profiler's: {@code key=value} pairs separated by
 * semicolons after the profiler's name, e.g. {@code -prof dev.jprof.jmh.JprofProfiler:interval=1ms;dir=prof},
 * parsed by JMH's own option parser (jopt-simple) the way JMH's built-in profilers parse theirs.
 */
final class JmhOptions {
    static final Duration DEFAULT_INTERVAL = Duration.ofMillis(10);
    static final String DEFAULT_DIR = "jprof-jmh";
    static final String DEFAULT_RENDERER = "html";

    final Duration interval;
    final Path dir;
    final String renderer;
    final boolean showAll;

    private JmhOptions(Duration interval, Path dir, String renderer, boolean showAll) {
        this.interval = interval;
        this.dir = dir;
        this.renderer = renderer;
        this.showAll = showAll;
    }

    /**
     * @param initLine what follows {@code JprofProfiler:} on the command line, or empty
     * @throws ProfilerException with the message and the options' help when an option is wrong or
     *                           {@code help} is asked for; JMH prints it
     */
    static JmhOptions parse(String initLine) throws ProfilerException {
        OptionParser parser = new OptionParser();
        parser.formatHelpWith(new joptsimple.BuiltinHelpFormatter(120, 2));
        OptionSpec<String> interval = parser.accepts("interval",
                "Time between two samples of each benchmark thread, e.g. 1ms, 500us.")
                .withRequiredArg().describedAs("duration").defaultsTo("10ms");
        OptionSpec<String> dir = parser.accepts("dir",
                "Directory for each benchmark's report and session file (created if absent).")
                .withRequiredArg().describedAs("path").defaultsTo(DEFAULT_DIR);
        OptionSpec<String> renderer = parser.accepts("renderer",
                "Format of the report file besides the session: html, text, json, speedscope, collapsed,"
                        + " or a Renderer class name.")
                .withRequiredArg().describedAs("name").defaultsTo(DEFAULT_RENDERER);
        OptionSpec<String> showAll = parser.acceptsAll(List.of("showAll", "show_all"),
                "Show library frames and tiny nodes too (JMH's generated stubs and the JDK are hidden by default).")
                .withOptionalArg().describedAs("true|false");
        parser.accepts("help", "Display help.");

        String[] arguments = arguments(initLine);
        for (String a : arguments) {
            String key = a.substring(1).split("=", 2)[0];
            if (!parser.recognizedOptions().containsKey(key)) {
                throw new ProfilerException("unknown option '" + key + "' in '" + initLine + "'\n" + help(parser));
            }
        }
        OptionSet set;
        try {
            set = parser.parse(arguments);
        } catch (OptionException e) {
            throw new ProfilerException(e.getMessage() + "\n" + help(parser));
        }
        if (set.has("help")) {
            throw new ProfilerException(help(parser));
        }
        Duration every;
        try {
            every = AgentOptions.duration("interval", set.valueOf(interval));
        } catch (IllegalArgumentException e) {
            throw new ProfilerException(e.getMessage());
        }
        if (every.toNanos() < 100_000 || every.toNanos() > 10_000_000_000L) {
            throw new ProfilerException("interval must be between 100us and 10s, got '" + set.valueOf(interval) + "'");
        }
        String rendererName = set.valueOf(renderer);
        if (!Renderers.names().contains(rendererName) && !rendererName.contains(".")) {
            throw new ProfilerException("renderer must be one of " + Renderers.names()
                    + " or a Renderer class name, got '" + rendererName + "'");
        }
        String all = !set.has(showAll) ? "false" : set.valueOf(showAll) == null ? "true" : set.valueOf(showAll);
        if (!all.equals("true") && !all.equals("false")) {
            throw new ProfilerException("showAll must be true or false, got '" + all + "'");
        }
        return new JmhOptions(every, Path.of(set.valueOf(dir)), rendererName, Boolean.parseBoolean(all));
    }

    /** JMH's convention: {@code a=1;b} becomes the arguments {@code -a=1 -b}. */
    private static String[] arguments(String initLine) {
        return initLine == null ? new String[0]
                : Arrays.stream(initLine.split(";")).filter(a -> !a.isBlank()).map(a -> "-" + a.trim())
                        .toArray(String[]::new);
    }

    private static String help(OptionParser parser) {
        StringWriter out = new StringWriter();
        try {
            parser.printHelpOn(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "Usage: -prof " + JprofProfiler.class.getName() + "[:key=value;key=value...]\n" + out;
    }

    /** The report file's extension for the renderer. */
    String extension() {
        switch (renderer) {
            case "html": return ".html";
            case "text": return ".txt";
            case "json": return ".json";
            case "speedscope": return ".speedscope.json";
            case "collapsed": return ".collapsed";
            case "session": return ".jprof";
            default: return ".out";
        }
    }
}
