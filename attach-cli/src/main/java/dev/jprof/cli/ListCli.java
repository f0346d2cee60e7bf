package dev.jprof.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jprof list}: local JVMs with pid and main class. */
@Command(name = "jprof list", descriptionHeading = "%n", optionListHeading = "%nOptions:%n", description = "List the local JVMs you can attach to: pid and main class.")
final class ListCli implements Callable<Integer> {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
    boolean help;

    @Override
    public Integer call() {
        System.out.print(JvmList.format(JvmList.find()));
        return 0;
    }
}
