package dev.jprof.it.fleet;

import dev.jprof.it.support.Executables;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jprof.it.support.Jvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reference readers of the fleet formats: Go's {@code go tool pprof} (Debian golang-go) and npm's
 * {@code pprof-format}, installed once into {@code it-tests/target/npm-pprof}. A test whose tool is
 * missing is skipped loudly; bin/test installs both.
 */
final class FleetTools {
    static final String PPROF_FORMAT = "pprof-format@2.3.2";

    private FleetTools() {
    }

    static void requireGo() {
        boolean go = Executables.onPath("go");
        if (!go) {
            System.err.println("SKIPPED: go is not installed; bin/test installs it (apt-get install golang-go)");
        }
        assumeTrue(go, "go is not installed; bin/test installs it (apt-get install golang-go)");
    }

    /** {@code go tool pprof -top -cum} of a profile, asserting it reads it. */
    static String pprofTop(Path profile, Path workDir) throws IOException, InterruptedException {
        requireGo();
        Path cache = workDir.resolve("gocache");
        List<String> command = List.of("env", "GOCACHE=" + cache, "HOME=" + workDir, "GOFLAGS=-mod=mod",
                "go", "tool", "pprof", "-top", "-cum", "-nodecount=100", profile.toString());
        Jvm.Result r = Jvm.run(command, workDir, 180);
        assertEquals(0, r.exitCode, "go tool pprof could not read " + profile + ":\n" + r);
        return r.stdout;
    }

    /** The cum% go tool pprof shows for a function, or -1 when absent. */
    static double cumPercent(String top, String function) {
        Pattern line = Pattern.compile("^\\s*\\S+\\s+\\S+%\\s+\\S+%\\s+\\S+\\s+(\\S+)%\\s+(.+)$");
        for (String l : top.split("\n")) {
            Matcher m = line.matcher(l);
            if (m.matches() && m.group(2).trim().equals(function)) {
                return Double.parseDouble(m.group(1));
            }
        }
        return -1;
    }

    static Path npmPrefix() {
        return Paths.get(System.getProperty("jprof.root", ".."), "it-tests", "target", "npm-pprof")
                .toAbsolutePath().normalize();
    }

    /** Installs npm's pprof-format unless present; skips the calling test loudly when npm is missing. */
    static synchronized void ensurePprofFormat(Path workDir) throws IOException, InterruptedException {
        boolean npm = Executables.onPath("npm");
        if (!npm) {
            System.err.println("SKIPPED: npm is not installed; bin/test installs it (apt-get install npm)");
        }
        assumeTrue(npm, "npm is not installed; bin/test installs it");
        if (Files.isDirectory(npmPrefix().resolve("node_modules/pprof-format"))) {
            return;
        }
        Files.createDirectories(npmPrefix());
        Jvm.Result r = Jvm.run(List.of("npm", "install", "--prefix", npmPrefix().toString(), "--no-audit",
                "--no-fund", "--no-save", "--loglevel=error", PPROF_FORMAT), workDir, 300);
        assertEquals(0, r.exitCode, "npm install failed:\n" + r);
    }

    /**
     * Decodes a gzipped profile with pprof-format and prints {@code total=N} and {@code in=N}: the wall
     * nanoseconds of all samples, and of those whose stack contains {@code function}.
     */
    static long[] pprofFormatShare(Path profile, String function, Path workDir) throws IOException, InterruptedException {
        ensurePprofFormat(workDir);
        Path script = workDir.resolve("share.js");
        Files.writeString(script, String.join("\n",
                "const fs = require('fs'); const zlib = require('zlib');",
                "const { Profile } = require(process.argv[2] + '/node_modules/pprof-format');",
                "const p = Profile.decode(zlib.gunzipSync(fs.readFileSync(process.argv[3])));",
                "const str = i => p.stringTable.strings[Number(i)];",
                "const wall = p.sampleType.findIndex(t => str(t.type) === 'wall');",
                "const fn = new Map(p.function.map(f => [String(f.id), str(f.name)]));",
                "const loc = new Map(p.location.map(l => [String(l.id), l.line.map(x => fn.get(String(x.functionId)))]));",
                "let total = 0n, inside = 0n;",
                "for (const s of p.sample) {",
                "  const v = BigInt(s.value[wall]); total += v;",
                "  if (s.locationId.some(id => loc.get(String(id)).includes(process.argv[4]))) inside += v;",
                "}",
                "console.log('total=' + total + ' in=' + inside);", ""));
        List<String> command = new ArrayList<>(List.of("node", script.toString(), npmPrefix().toString(),
                profile.toString(), function));
        Jvm.Result r = Jvm.run(command, workDir, 120);
        assertEquals(0, r.exitCode, "pprof-format could not read " + profile + ":\n" + r);
        Matcher m = Pattern.compile("total=(\\d+) in=(\\d+)").matcher(r.stdout);
        assertEquals(true, m.find(), r.toString());
        return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))};
    }
}
