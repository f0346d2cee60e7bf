package dev.jprof.fuzz;

import dev.jprof.tree.Frame;
import dev.jprof.Session;
import dev.jprof.SessionFormatException;
import dev.jprof.renderers.ConsoleRenderer;
import dev.jprof.renderers.JsonRenderer;
import dev.jprof.sampling.ThreadState;
import dev.jprof.testing.Sessions;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Fuzzes the session loader: mutated and random inputs either load (and then render) or fail with a
 * {@link SessionFormatException}; nothing else may escape (issue "Hardening").
 */
class SessionLoaderFuzzTest {
    private static final String VALID = validSession();

    private static String validSession() {
        Sessions s = new Sessions();
        s.source.running(1, "main", "com.acme.Main.main:10", "com.acme.Main.work:20", "java.util.HashMap.get:3");
        s.tick(10, 5);
        s.source.set(2, "worker", ThreadState.WAITING, "java.lang.Thread.run:1",
                "java.util.concurrent.CompletableFuture.join:2", "java.util.concurrent.locks.LockSupport.park:3");
        s.tick(10, 5);
        return s.recorder.snapshot().toJson();
    }

    /** One edit of a text: where, how much, and what to put there. */
    static final class Mutation {
        final int kind;
        final double at;
        final int length;
        final String text;

        Mutation(int kind, double at, int length, String text) {
            this.kind = kind;
            this.at = at;
            this.length = length;
            this.text = text;
        }

        String apply(String s) {
            int i = (int) (at * s.length());
            int j = Math.min(s.length(), i + length);
            switch (kind) {
                case 0: return s.substring(0, i) + s.substring(j);                   // delete
                case 1: return s.substring(0, i) + text + s.substring(i);            // insert
                case 2: return s.substring(0, i) + text + s.substring(j);            // replace
                case 3: return s.substring(0, i);                                     // truncate
                default: return s.substring(0, j) + s.substring(i, j) + s.substring(j); // duplicate
            }
        }
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        Arbitrary<String> payload = Arbitraries.oneOf(
                Arbitraries.of("-1", "0", "1e309", "99999999999", "-99999999999", "null", "true", "\"x\"", "[]", "{}",
                        "[-1]", "2147483648", "1.5", ",", "]", "}", "\"", "\\u0000", "NaN"),
                Arbitraries.strings().withChars("{}[],:\"0123456789-.eE\\abc").ofMaxLength(12));
        Arbitrary<Mutation> one = Combinators.combine(Arbitraries.integers().between(0, 4),
                Arbitraries.doubles().between(0, 1), Arbitraries.integers().between(0, 40), payload)
                .as(Mutation::new);
        return one.list().ofMinSize(1).ofMaxSize(4);
    }

    @Property(tries = 1500)
    void mutatedSessionsLoadOrFailWithSessionFormatException(@ForAll("mutations") List<Mutation> edits) {
        String json = VALID;
        for (Mutation m : edits) {
            json = m.apply(json);
        }
        loadAndRender(json);
    }

    @Property(tries = 300)
    void randomTextFailsWithSessionFormatException(@ForAll String text) {
        loadAndRender(text);
    }

    private static void loadAndRender(String json) {
        Session session;
        try {
            session = Session.fromJson(json);
        } catch (SessionFormatException expected) {
            return;
        }
        // A session that loads must also build its tree and render.
        Frame root = session.rootFrame();
        if (root != null) {
            root.time();
        }
        new ConsoleRenderer().render(session);
        new JsonRenderer(false, false, null).render(session);
    }
}
