package dev.jprof;

import java.io.InputStream;
import java.util.Properties;

/** jprof's version, from the build. */
public final class Version {
    /** e.g. {@code 0.1.0}. */
    public static final String VERSION = load();

    private Version() {
    }

    /**
     * From the jar's manifest, read already when the class loader defined this package: reading the properties
     * resource through a {@code jar:} URL took 5-6 ms of a JVM's exit, where the text report is rendered. Classes
     * outside the jar (tests) have no manifest: then from the resource.
     */
    private static String load() {
        Package pkg = Version.class.getPackage();
        String fromManifest = pkg == null ? null : pkg.getImplementationVersion();
        if (fromManifest != null && !fromManifest.isEmpty()) {
            return fromManifest;
        }
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "dev");
        } catch (Exception e) {
            return "dev";
        }
    }
}
