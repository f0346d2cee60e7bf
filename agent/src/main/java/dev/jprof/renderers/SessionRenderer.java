package dev.jprof.renderers;

import dev.jprof.Session;

/** Renders the session itself, as the {@code .jprof} JSON that {@link Session#load} reads back. */
public class SessionRenderer implements Renderer {
    @Override
    public String render(Session session) {
        return session.toJson();
    }

    @Override
    public String outputFileExtension() {
        return ".jprof";
    }
}
