package dev.jprof;

import java.io.InputStream;
import java.util.Properties;

/** jprof's version, from the build. */
public final class Version {
    /** e.g. {@code 0.1.0}. */
    public static final String VERSION = load();

    private Version() {
    }

    private static String load() {
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
