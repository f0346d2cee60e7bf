package dev.jprof.renderers;

import java.util.Locale;

/**
 * Renderers by name ({@code text}, {@code session}, ...), guessed from an output file's extension, or
 * named by the class name of any {@link Renderer} with a public no-argument constructor.
 */
public final class Renderers {
    /**
     * The built-in names, in the help's order. A switch in {@link #create}, not a table of lambdas: the agent
     * checks the renderer name in every JVM's premain, and each lambda costs start-up time there.
     */
    private static final String[] NAMES = {"text", "session", "json", "speedscope", "collapsed", "html", "pprof", "jfr"};

    private Renderers() {
    }

    /** The built-in renderer names. */
    public static java.util.Set<String> names() {
        return java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(java.util.Arrays.asList(NAMES)));
    }

    /** Whether {@code name} is a built-in renderer (no class to load to check it). */
    public static boolean isBuiltIn(String name) {
        for (String n : NAMES) {
            if (n.equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static Renderer builtIn(String name, RenderOptions o, boolean toTerminal) {
        switch (name) {
            case "text":
                return new ConsoleRenderer(
                        o.unicode() != null ? o.unicode() : !toTerminal || Terminal.supportsUnicode(),
                        o.color() != null ? o.color() : toTerminal && Terminal.supportsColor(),
                        o.time(), o.showAll(), o.timeline(), o.processorOptions(), null,
                        o.flat(), o.flatTime(), o.shortMode()).splitPools(o.splitPools());
            case "session":
                return new SessionRenderer();
            case "json":
                return new JsonRenderer(o.showAll(), o.timeline(), o.processorOptions()).splitPools(o.splitPools());
            case "speedscope":
                return new SpeedscopeRenderer(o.showAll(), o.timeline(), o.processorOptions());
            case "collapsed":
                return new CollapsedRenderer(o.showAll(), o.timeline(), o.processorOptions());
            case "html":
                return new HtmlRenderer(o);
            case "pprof":
                return new PprofRenderer(o.showAll(), o.timeline(), o.processorOptions());
            case "jfr":
                return new JfrRenderer(o.showAll(), o.processorOptions());
            default:
                return null;
        }
    }

    /**
     * Creates a renderer.
     *
     * @param name       a built-in name or a class name
     * @param options    render options
     * @param toTerminal true when the output goes to a terminal (unicode and colour are then detected)
     * @throws IllegalArgumentException with a message naming the valid renderers
     */
    public static Renderer create(String name, RenderOptions options, boolean toTerminal) {
        Renderer builtIn = builtIn(name, options, toTerminal);
        if (builtIn != null) {
            return builtIn;
        }
        if (!name.contains(".")) {
            throw new IllegalArgumentException("unknown renderer '" + name + "'; valid: "
                    + String.join(", ", names()) + ", or the class name of a Renderer");
        }
        try {
            Class<?> type = Class.forName(name, true, contextLoader());
            if (!Renderer.class.isAssignableFrom(type)) {
                throw new IllegalArgumentException("renderer class " + name + " does not implement " + Renderer.class.getName());
            }
            return (Renderer) type.getConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("renderer class " + name + " was not found on the class path");
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException("renderer class " + name + " has no public no-argument constructor");
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalArgumentException("renderer class " + name + " could not be created: " + e);
        }
    }

    /** The renderer name an output file's extension suggests ({@code text} when unknown). */
    public static String guessFromFileName(String file) {
        String f = file.toLowerCase(Locale.ROOT);
        if (f.endsWith(".speedscope.json")) {
            return "speedscope";
        }
        if (f.endsWith(".jprof")) {
            return "session";
        }
        if (f.endsWith(".html") || f.endsWith(".htm")) {
            return "html";
        }
        if (f.endsWith(".json")) {
            return "json";
        }
        if (f.endsWith(".collapsed") || f.endsWith(".folded")) {
            return "collapsed";
        }
        if (f.endsWith(".pb.gz") || f.endsWith(".pprof")) {
            return "pprof";
        }
        if (f.endsWith(".jfr")) {
            return "jfr";
        }
        return "text";
    }

    private static ClassLoader contextLoader() {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        return cl != null ? cl : ClassLoader.getSystemClassLoader();
    }
}
