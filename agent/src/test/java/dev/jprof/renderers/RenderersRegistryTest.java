package dev.jprof.renderers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RenderersRegistryTest {
    @Test
    void dataRenderersAreRegisteredByName() {
        RenderOptions o = new RenderOptions().showAll(true).timeline(true);
        assertInstanceOf(JsonRenderer.class, Renderers.create("json", o, false));
        assertInstanceOf(SpeedscopeRenderer.class, Renderers.create("speedscope", o, false));
        assertInstanceOf(CollapsedRenderer.class, Renderers.create("collapsed", o, false));
        assertTrue(((FrameRenderer) Renderers.create("json", o, false)).showAll());
        assertTrue(((FrameRenderer) Renderers.create("collapsed", o, false)).timeline());
        assertTrue(Renderers.names().containsAll(java.util.List.of("json", "speedscope", "collapsed")));
    }

    @Test
    void byClassNameToo() {
        assertInstanceOf(CollapsedRenderer.class,
                Renderers.create(CollapsedRenderer.class.getName(), new RenderOptions(), false));
    }

    @Test
    void extensionsAndGuessesAgree() {
        for (String name : new String[] {"json", "speedscope", "collapsed", "pprof", "jfr"}) {
            Renderer r = Renderers.create(name, new RenderOptions(), false);
            assertEquals(name, Renderers.guessFromFileName("out" + r.outputFileExtension()), name);
        }
        assertEquals("speedscope", Renderers.guessFromFileName("/tmp/Profile.SPEEDSCOPE.JSON"));
        assertEquals("json", Renderers.guessFromFileName("profile.json"));
        assertEquals("collapsed", Renderers.guessFromFileName("x.folded"));
        assertEquals("collapsed", Renderers.guessFromFileName("x.collapsed"));
    }
}
