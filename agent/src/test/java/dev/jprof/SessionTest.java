package dev.jprof;

import dev.jprof.tree.Frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jprof.testing.Sessions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionTest {
    @TempDir
    Path dir;

    static Session sample() {
        Sessions s = new Sessions();
        s.source.running(1, "main", "com.acme.Main.main:10", "com.acme.Main.compute:20");
        s.tick(10, 6);
        s.source.running(1, "main", "com.acme.Main.main:11", "java.lang.Thread.sleep:-2");
        s.tick(10, 3);
        s.source.running(2, "worker", "java.lang.Thread.run:840", "com.acme.Worker.run:5");
        s.tick(10, 2);
        return s.recorder.snapshot();
    }

    @Test
    void metadataDescribesTheRecording() {
        Session session = sample();
        assertEquals(0.11, session.duration(), 1e-9);
        assertEquals(13, session.sampleCount());
        assertEquals(0.055, session.cpuTime(), 1e-9);
        assertEquals(0.01, session.interval(), 1e-12);
        assertEquals("test program", session.targetDescription());
        assertEquals(ProcessHandle.current().pid(), session.pid());
        assertEquals(java.util.List.of("main", "worker"), session.threadNames());
    }

    @Test
    void savesAndLoadsLosslessly() throws Exception {
        Session session = sample();
        Path file = dir.resolve("s.jprof");
        session.save(file);
        Session loaded = Session.load(file);
        assertEquals(session.toJson(), loaded.toJson());
        assertEquals(session.rootFrame().time(), loaded.rootFrame().time(), 1e-12);
    }

    @Test
    void combineConcatenatesSamples() {
        Session a = sample();
        Session b = sample();
        Session c = Session.combine(a, b);
        assertEquals(a.duration() + b.duration(), c.duration(), 1e-12);
        assertEquals(a.sampleCount() + b.sampleCount(), c.sampleCount());
        assertEquals(a.rootFrame().time() * 2, c.rootFrame().time(), 1e-9);
        assertEquals(2, c.threadNames().size(), "same threads are merged");
    }

    @Test
    void treeIsTimeLinearWithSelfFramesAndKeepsTheInvariant() {
        Frame root = sample().rootFrame();
        Frame main = root.children().get(0);
        assertEquals(Frame.Kind.THREAD, main.kind());
        Frame mainMethod = main.children().get(0);
        assertEquals("Main.main", mainMethod.displayName());
        assertEquals(2, mainMethod.children().size());
        assertEquals("Main.compute", mainMethod.children().get(0).displayName());
        assertEquals("Thread.sleep", mainMethod.children().get(1).displayName());
        assertEquals(Frame.SELF_TIME, mainMethod.children().get(0).children().get(0).identifier());
        assertEquals(0.06, mainMethod.children().get(0).time(), 1e-9);
        assertEquals(10, mainMethod.line(), "the line with most time");
        assertInvariant(root);
    }

    @Test
    void emptySessionHasNoRootFrame() {
        assertNull(new Sessions().recorder.snapshot().rootFrame());
    }

    static void assertInvariant(Frame f) {
        double sum = f.absorbedTime();
        for (Frame c : f.children()) {
            sum += c.time();
            assertInvariant(c);
        }
        assertEquals(f.time(), sum, 1e-9, "time == absorbed + children at " + f);
    }

    @Test
    void rejectsFilesThatAreNotSessionsWithAClearMessage() throws Exception {
        String valid = sample().toJson();
        for (int cut = valid.length() / 3; cut < valid.length() - 1; cut += valid.length() / 41) {
            assertLoadFails(valid.substring(0, cut), " is truncated: it ends in the middle of the session");
        }
        assertLoadFails(valid.replace("\"version\":1", "\"version\":99"),
                " was written by a newer jprof (session format 99; this jprof reads format 1)");
        assertLoadFails(valid.replace("\"version\":1", "\"version\":0"), " has an unknown session format version 0");
        assertLoadFails("", " is empty");
        assertLoadFails("[1,2,3]", " is not a jprof session: it has no \"format\": \"jprof-session\"");
        assertLoadFails("not json", " is not a jprof session: it is not readable JSON");
        assertLoadFails("{\"format\":\"jprof-session\",\"version\":1}", " is a damaged jprof session: \"start_time\" must be a number");
        assertLoadFails(valid.replace("\"format\":\"jprof-session\"", "\"format\":\"other\""), " is not a jprof session");
        assertLoadFails(valid.replaceFirst("\"stack\":\\[\\d+", "\"stack\":[99999"), "out of range");
        assertLoadFails(valid.replace("\"duration\":0.11", "\"duration\":-1"), "\"duration\" must not be negative");
        byte[] random = new byte[4096];
        new Random(7).nextBytes(random);
        Path file = dir.resolve("random.jprof");
        Files.write(file, random);
        SessionFormatException e = assertThrows(SessionFormatException.class, () -> Session.load(file));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
    }

    private void assertLoadFails(String content, String expected) throws Exception {
        Path file = dir.resolve("bad.jprof");
        Files.write(file, content.getBytes(StandardCharsets.UTF_8));
        SessionFormatException e = assertThrows(SessionFormatException.class, () -> Session.load(file));
        String message = e.getMessage();
        assertTrue(message.startsWith(file.toString()) && message.contains(expected),
                "message '" + message + "' should start with the file and contain '" + expected + "'");
        assertEquals(message.indexOf(file.toString()), message.lastIndexOf(file.toString()), "the path once: " + message);
        assertFalse(message.contains("\n") || message.contains("Source:") || message.contains("marker")
                || message.contains("Exception"), "plain words, no parser internals: " + message);
    }
}
