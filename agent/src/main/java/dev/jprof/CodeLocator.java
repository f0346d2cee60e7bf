package dev.jprof;

import java.net.URI;
import java.net.URL;
import java.nio.file.Paths;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves stack frames to {@link CodeLocation}s, per DESIGN.md: JDK modules and dependency jars are
 * library code; classes directories, the main jar and Spring Boot's {@code BOOT-INF/classes} are
 * application code. The main class's own jar, directory or JDK module is application code too, so a
 * program whose main is library code (javac's {@code com.sun.tools.javac.Main} in {@code jdk.compiler},
 * jshell, a tool run from its jar) shows its own frames; hide/show patterns still decide over it. Runs
 * when a session is snapshotted, never on the sampler's path.
 */
public final class CodeLocator {
    private static final Pattern VERSION_SUFFIX = Pattern.compile("-\\d[\\w.\\-]*$");
    private static final Pattern HIDDEN_CLASS = Pattern.compile("(\\$\\$Lambda.*|/0x[0-9a-f]+.*)$");

    private final Function<String, Class<?>> classes;
    private final Set<String> applicationRoots = new HashSet<>();
    /** JDK modules holding the main class: a JDK tool run as the program. */
    private final Set<String> applicationModules = new HashSet<>();
    private final String ownRoot;
    private final Map<String, CodeLocation> byClass = new HashMap<>();

    /**
     * @param classes finds a loaded class by name, or returns null
     */
    public CodeLocator(Function<String, Class<?>> classes) {
        this(classes, System.getProperty("sun.java.command", ""));
    }

    /**
     * @param classes finds a loaded class by name, or returns null
     * @param command the launcher's command line ({@code sun.java.command}): {@code app.jar args},
     *                {@code com.acme.Main args} or {@code module/com.acme.Main args}
     */
    CodeLocator(Function<String, Class<?>> classes, String command) {
        this.classes = classes;
        this.ownRoot = root(CodeLocator.class);
        String trimmed = command == null ? "" : command.trim();
        String first = trimmed.isEmpty() ? "" : trimmed.split("\\s+")[0];
        if (first.endsWith(".jar")) {
            applicationRoots.add(Paths.get(first).toAbsolutePath().normalize().toString());
        } else if (!first.isEmpty()) {
            Class<?> main = classes.apply(first.substring(first.indexOf('/') + 1));
            String module = main == null || !main.getModule().isNamed() ? null : main.getModule().getName();
            String root = main == null ? null : root(main);
            if (module != null && isJdkModule(module) && !module.equals("java.base")) {
                applicationModules.add(module);
            } else if (root != null && !root.equals(ownRoot)) {
                applicationRoots.add(root);
            }
        }
    }

    /** A locator that finds classes through the system and context class loaders. */
    public static CodeLocator forCurrentJvm() {
        return new CodeLocator(CodeLocator::loadQuietly);
    }

    /** Marks a code source (jar or directory path) as application code. */
    public void addApplicationRoot(String root) {
        applicationRoots.add(root);
    }

    /** The location of one frame. */
    public CodeLocation locate(StackTraceElement frame) {
        String className = frame.getClassName();
        String module = frame.getModuleName();
        String file = frame.getFileName() == null ? simpleName(className) + ".java" : frame.getFileName();
        CodeLocation classLocation = byClass.computeIfAbsent(className + "\0" + module, k -> locateClass(className, module));
        if (classLocation == CodeLocation.UNKNOWN) {
            return new CodeLocation(packagePath(className) + file, "unknown", false);
        }
        return new CodeLocation(classLocation.path() + "!/" + packagePath(className) + file,
                classLocation.library(), classLocation.isApplicationCode());
    }

    private CodeLocation locateClass(String className, String module) {
        if (module != null && isJdkModule(module)) {
            return new CodeLocation("jrt:/" + module, module, applicationModules.contains(module));
        }
        String host = HIDDEN_CLASS.matcher(className).replaceFirst("");
        Class<?> type = classes.apply(host);
        if (type == null) {
            return module != null ? new CodeLocation("jrt:/" + module, module, false) : CodeLocation.UNKNOWN;
        }
        if (type.getModule().isNamed() && (type.getClassLoader() == null || isJdkModule(type.getModule().getName()))) {
            String name = type.getModule().getName();
            return new CodeLocation("jrt:/" + name, name, applicationModules.contains(name));
        }
        String root = root(type);
        if (root == null) {
            String name = type.getModule().isNamed() ? type.getModule().getName() : "unknown";
            return new CodeLocation(type.getModule().isNamed() ? "jrt:/" + name : "", name, false);
        }
        return new CodeLocation(root, libraryName(root), isApplicationRoot(root));
    }

    boolean isApplicationRootForTest(String root) {
        return isApplicationRoot(root);
    }

    private boolean isApplicationRoot(String root) {
        if (root.equals(ownRoot)) {
            return false;
        }
        if (applicationRoots.contains(root)) {
            return true;
        }
        if (root.contains("BOOT-INF/classes") || root.contains("WEB-INF/classes")) {
            return true;
        }
        if (root.contains("BOOT-INF/lib") || root.contains("WEB-INF/lib")) {
            return false;
        }
        return !root.endsWith(".jar") && !root.endsWith(".zip") && !root.startsWith("jrt:");
    }

    static String libraryName(String root) {
        String trimmed = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
        String last = trimmed.substring(trimmed.lastIndexOf('/') + 1);
        if (last.endsWith(".jar") || last.endsWith(".zip")) {
            last = last.substring(0, last.length() - 4);
            Matcher m = VERSION_SUFFIX.matcher(last);
            if (m.find() && m.start() > 0) {
                last = last.substring(0, m.start());
            }
        }
        return last.isEmpty() ? trimmed : last;
    }

    /** The code source of a class as a path: a jar file, a directory, or a nested jar path. */
    static String root(Class<?> type) {
        try {
            ProtectionDomain domain = type.getProtectionDomain();
            CodeSource source = domain == null ? null : domain.getCodeSource();
            URL url = source == null ? null : source.getLocation();
            return url == null ? null : urlToPath(url.toString());
        } catch (SecurityException e) {
            return null;
        }
    }

    static String urlToPath(String url) {
        String s = url;
        if (s.startsWith("jar:")) {
            s = s.substring(4);
        }
        if (s.startsWith("nested:")) {
            s = s.substring(7);
        }
        if (s.endsWith("!/")) {
            s = s.substring(0, s.length() - 2);
        }
        String nested = "";
        int bang = s.indexOf("!/");
        if (bang >= 0) {
            nested = s.substring(bang);
            s = s.substring(0, bang);
        }
        if (s.startsWith("file:")) {
            try {
                s = Paths.get(URI.create(s)).toString();
            } catch (RuntimeException e) {
                s = s.substring(5);
            }
        }
        String path = s + nested;
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static boolean isJdkModule(String module) {
        return module.startsWith("java.") || module.startsWith("jdk.");
    }

    private static String packagePath(String className) {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? "" : className.substring(0, dot).replace('.', '/') + "/";
    }

    private static String simpleName(String className) {
        String s = className.substring(className.lastIndexOf('.') + 1);
        int dollar = s.indexOf('$');
        return dollar > 0 ? s.substring(0, dollar) : s;
    }

    private static Class<?> loadQuietly(String name) {
        ClassLoader[] loaders = {ClassLoader.getSystemClassLoader(), Thread.currentThread().getContextClassLoader()};
        for (ClassLoader loader : loaders) {
            if (loader == null) {
                continue;
            }
            try {
                return Class.forName(name, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                // try the next loader
            }
        }
        return null;
    }
}
