package dev.jprof.renderers;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Renderers by name ({@code text}, {@code session}, ...), guessed from an output file's extension, or
 * named by the class name of any {@link Renderer} with a public no-argument constructor.
 */
public final class Renderers {
    private static final Map<String, BiFunction<RenderOptions, Boolean, Renderer>> BY_NAME = new LinkedHashMap<>();

    static {
        BY_NAME.put("text", (o, toTerminal) -> new ConsoleRenderer(
                o.unicode() != null ? o.unicode() : !toTerminal || Terminal.supportsUnicode(),
                o.color() != null ? o.color() : toTerminal && Terminal.supportsColor(),
                o.time(), o.showAll(), o.timeline(), o.processorOptions(), null,
                o.flat(), o.flatTime(), o.shortMode()).splitPools(o.splitPools()));
        BY_NAME.put("session", (o, toTerminal) -> new SessionRenderer());
        BY_NAME.put("json", (o, toTerminal) -> new JsonRenderer(o.showAll(), o.timeline(), o.processorOptions())
                .splitPools(o.splitPools()));
        BY_NAME.put("speedscope", (o, toTerminal) -> new SpeedscopeRenderer(o.showAll(), o.timeline(), o.processorOptions()));
        BY_NAME.put("collapsed", (o, toTerminal) -> new CollapsedRenderer(o.showAll(), o.timeline(), o.processorOptions()));
        BY_NAME.put("html", (o, toTerminal) -> new HtmlRenderer(o));
        BY_NAME.put("pprof", (o, toTerminal) -> new PprofRenderer(o.showAll(), o.timeline(), o.processorOptions()));
        BY_NAME.put("jfr", (o, toTerminal) -> new JfrRenderer(o.showAll(), o.processorOptions()));
    }

    private Renderers() {
    }

    /** The built-in renderer names. */
    public static java.util.Set<String> names() {
        return java.util.Collections.unmodifiableSet(BY_NAME.keySet());
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
        BiFunction<RenderOptions, Boolean, Renderer> factory = BY_NAME.get(name);
        if (factory != null) {
            return factory.apply(options, toTerminal);
        }
        if (!name.contains(".")) {
            throw new IllegalArgumentException("unknown renderer '" + name + "'; valid: "
                    + String.join(", ", BY_NAME.keySet()) + ", or the class name of a Renderer");
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

    /** Registers a built-in renderer factory; used by renderer modules at class initialisation. */
    static void register(String name, BiFunction<RenderOptions, Boolean, Renderer> factory) {
        BY_NAME.put(name, factory);
    }

    private static ClassLoader contextLoader() {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        return cl != null ? cl : ClassLoader.getSystemClassLoader();
    }
}
