package dev.jprof.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.function.ThrowingConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JUnit 5.12's publishFile, as a context type of that shape offers it; this build's JUnit 5.11 has none. */
class FilePublisherTest {
    @TempDir
    Path dir;

    /** The shape of JUnit 5.12's {@code MediaType}. */
    public static final class FakeMediaType {
        final String value;

        private FakeMediaType(String value) {
            this.value = value;
        }

        public static FakeMediaType parse(String value) {
            return new FakeMediaType(value);
        }
    }

    /** A context with 5.12's {@code publishFile}: it hands the action a file in its own output directory. */
    public static final class FakeContext {
        final Path out;
        String name;
        String mediaType;

        FakeContext(Path out) {
            this.out = out;
        }

        public void publishFile(String name, FakeMediaType type, ThrowingConsumer<Path> action) throws Throwable {
            this.name = name;
            this.mediaType = type.value;
            action.accept(out.resolve(name));
        }
    }

    @Test
    void copiesTheFileThroughPublishFile() throws Exception {
        Path report = Files.writeString(dir.resolve("Foo.slow.html"), "<html>", StandardCharsets.UTF_8);
        Path out = Files.createDirectory(dir.resolve("junit-output"));
        FakeContext context = new FakeContext(out);
        FilePublisher publisher = FilePublisher.forContextType(FakeContext.class);
        assertTrue(publisher.available());
        publisher.publish(context, report, "text/html");
        assertEquals("Foo.slow.html", context.name);
        assertEquals("text/html; charset=UTF-8", context.mediaType);
        assertEquals("<html>", Files.readString(out.resolve("Foo.slow.html")));
    }

    @Test
    void olderJunitHasNothingToCall() throws Exception {
        FilePublisher publisher = FilePublisher.forContextType(ExtensionContext.class);
        assertFalse(publisher.available(), "JUnit 5.11 has no publishFile");
        publisher.publish(new Object(), dir.resolve("absent.html"), "text/html");
    }
}
