package dev.jprof.sampling;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Makes JFR's frames the same {@link StackTraceElement}s a walk gives, so both kinds of stack meet in one call
 * tree: JFR names a frame's class, method and line but not its source file or module, which are learnt from
 * the walked stacks of the same class (the walk source still walks waiting threads and new ones), else guessed
 * the way javac names a class's file.
 */
final class JfrFrames {
    /** Per class name, a walked frame of it: its file, module and loader names. */
    private final ConcurrentHashMap<String, StackTraceElement> known = new ConcurrentHashMap<>();
    private static final int MAX_CLASSES = 100_000;

    /** Learns the files and modules of a walked stack's classes. */
    void learn(StackTraceElement[] stack) {
        for (StackTraceElement e : stack) {
            if (known.size() < MAX_CLASSES) {
                known.putIfAbsent(e.getClassName(), e);
            }
        }
    }

    /** The frame a walk would give for this method and line. */
    StackTraceElement frame(String className, String method, int line, boolean nativeMethod, String loader) {
        StackTraceElement like = known.get(className);
        int lineNumber = nativeMethod ? -2 : line;
        if (like != null) {
            return new StackTraceElement(like.getClassLoaderName(), like.getModuleName(), like.getModuleVersion(),
                    className, method, like.getFileName(), lineNumber);
        }
        return new StackTraceElement(loader, null, null, className, method, guessFile(className), lineNumber);
    }

    /** {@code a.b.Outer$Inner} is in {@code Outer.java}, as javac writes it. */
    static String guessFile(String className) {
        String simple = className.substring(className.lastIndexOf('.') + 1);
        int nested = simple.indexOf('$');
        return (nested > 0 ? simple.substring(0, nested) : simple) + ".java";
    }
}
