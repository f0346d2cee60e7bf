package dev.jprof.renderers;

import dev.jprof.Session;

/**
 * Turns a {@link Session} into output. Any class implementing this with a public no-argument
 * constructor can be named as a renderer by its class name.
 */
public interface Renderer {
    /** The rendered session. */
    String render(Session session);

    /**
     * The rendered session as the bytes of its file: the UTF-8 of {@link #render} for text formats, the
     * encoded file for binary ones ({@link #binary()}), whose {@link #render} cannot return text.
     */
    default byte[] renderBytes(Session session) {
        return render(session).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** True when the output is binary (pprof, JFR): it goes to a file, never to a terminal. */
    default boolean binary() {
        return false;
    }

    /** The file extension this renderer's output usually has, with the dot. */
    default String outputFileExtension() {
        return ".txt";
    }
}
