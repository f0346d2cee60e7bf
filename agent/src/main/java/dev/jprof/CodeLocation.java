package dev.jprof;

import java.util.Objects;

/**
 * Where a frame's code lives: its location path (code source + {@code !/} + package path + source file,
 * the string that hide/show patterns match), the library it belongs to, and whether it is application
 * code.
 */
public final class CodeLocation {
    /** A location that could not be resolved. */
    public static final CodeLocation UNKNOWN = new CodeLocation("", "unknown", false);

    private final String path;
    private final String library;
    private final boolean applicationCode;

    /**
     * @param path            the location path that hide/show patterns match
     * @param library         the short library name
     * @param applicationCode true for the user's own code
     */
    public CodeLocation(String path, String library, boolean applicationCode) {
        this.path = Objects.requireNonNull(path);
        this.library = Objects.requireNonNull(library);
        this.applicationCode = applicationCode;
    }

    /** e.g. {@code /home/u/app/target/classes!/com/acme/Main.java} or {@code jrt:/java.base!/java/lang/Thread.java}. */
    public String path() {
        return path;
    }

    /** Short name of the library: a JDK module, a jar name without version, or a classes directory. */
    public String library() {
        return library;
    }

    /** True for the user's own code: the main jar, classes directories, or what {@code show} names. */
    public boolean isApplicationCode() {
        return applicationCode;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof CodeLocation)) {
            return false;
        }
        CodeLocation other = (CodeLocation) o;
        return applicationCode == other.applicationCode && path.equals(other.path) && library.equals(other.library);
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, library, applicationCode);
    }

    @Override
    public String toString() {
        return path + (applicationCode ? " (application)" : " (" + library + ")");
    }
}
