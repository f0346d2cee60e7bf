package dev.jprof.junit;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.function.ThrowingConsumer;

/**
 * Attaches a report file to a test through {@code ExtensionContext.publishFile(name, mediaType, action)},
 * which JUnit 5.12 added: jprof compiles against an older JUnit, so the method and its media type
 * ({@code MediaType.parse}, in whichever package this JUnit has it) are found at run time. On an older
 * JUnit there is nothing to call and the report entry alone names the files.
 */
final class FilePublisher {
    private final Method publishFile;
    private final Method parseMediaType;

    private FilePublisher(Method publishFile, Method parseMediaType) {
        this.publishFile = publishFile;
        this.parseMediaType = parseMediaType;
    }

    /** Looks for {@code publishFile} on a context type; prefers an overload that is not deprecated. */
    static FilePublisher forContextType(Class<?> contextType) {
        Method found = null;
        Method parse = null;
        for (Method m : contextType.getMethods()) {
            Class<?>[] p = m.getParameterTypes();
            if (!m.getName().equals("publishFile") || p.length != 3 || p[0] != String.class
                    || !p[2].isAssignableFrom(ThrowingConsumer.class)) {
                continue;
            }
            Method parser = staticParse(p[1]);
            if (parser != null && (found == null || found.isAnnotationPresent(Deprecated.class))) {
                found = m;
                parse = parser;
            }
        }
        return new FilePublisher(found, parse);
    }

    private static Method staticParse(Class<?> mediaType) {
        try {
            Method m = mediaType.getMethod("parse", String.class);
            return Modifier.isStatic(m.getModifiers()) && mediaType.isAssignableFrom(m.getReturnType()) ? m : null;
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    /** True when this JUnit can attach files to a test. */
    boolean available() {
        return publishFile != null;
    }

    /**
     * Publishes a copy of {@code file} under its own name.
     *
     * @param context   the test's extension context
     * @param mediaType e.g. {@code text/html}
     * @throws Exception what JUnit or the copy throws
     */
    void publish(Object context, Path file, String mediaType) throws Exception {
        if (publishFile == null) {
            return;
        }
        Object type = parseMediaType.invoke(null, mediaType + "; charset=UTF-8");
        ThrowingConsumer<Path> copy = target -> Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
        try {
            publishFile.invoke(context, file.getFileName().toString(), type, copy);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
        }
    }
}
