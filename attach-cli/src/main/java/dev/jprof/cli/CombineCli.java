package dev.jprof.cli;

import dev.jprof.Session;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jprof combine A.jprof B.jprof... -o C.jprof}: one session from several, samples concatenated. */
@Command(name = "jprof combine", descriptionHeading = "%n", optionListHeading = "%nOptions:%n", usageHelpAutoWidth = true,
        description = "Combine saved sessions into one (samples are concatenated: read it as an aggregate, not a timeline).")
final class CombineCli implements Callable<Integer> {
    @Parameters(arity = "2..*", paramLabel = "SESSION", description = "sessions to combine (.jprof)")
    List<String> inputs;

    @Option(names = {"-o", "--outfile"}, required = true, paramLabel = "FILE", description = "where to write the combined session")
    String outfile;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
    boolean help;

    @Override
    public Integer call() {
        Session combined = null;
        for (String input : inputs) {
            Session s = SessionFiles.load(Paths.get(input));
            combined = combined == null ? s : Session.combine(combined, s);
        }
        Path target = Paths.get(outfile);
        try {
            combined.save(target);
        } catch (IOException e) {
            throw new CliException(CliException.FAILED, "could not write " + target + ": " + e.getMessage());
        }
        System.err.println("jprof: combined " + inputs.size() + " sessions into " + target);
        return 0;
    }
}
