package dev.jprof.renderers;

import dev.jprof.Session;

/**
 * Turns a {@link Session} into output. Any class implementing this with a public no-argument
 * constructor can be named as a renderer by its class name.
 */
public interface Renderer {
    /** The rendered session. */
    String render(Session session);

    /** The file extension this renderer's output usually has, with the dot. */
    default String outputFileExtension() {
        return ".txt";
    }
}
