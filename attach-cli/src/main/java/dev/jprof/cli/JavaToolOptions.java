package dev.jprof.cli;

/**
 * The {@code JAVA_TOOL_OPTIONS} value that loads the agent into every JVM a command starts. HotSpot
 * splits the variable at white space and takes a single- or double-quoted part as it is, so a path with
 * spaces is quoted; there is no escape character, so a path holding both quote characters cannot be passed.
 */
final class JavaToolOptions {
    private JavaToolOptions() {
    }

    /**
     * @param existing    the variable's value now, or null
     * @param agentJar    absolute path of jprof.jar
     * @param optionsFile the agent's options file, read with {@code @FILE}
     */
    static String withAgent(String existing, String agentJar, String optionsFile) {
        String option = quote("-javaagent:" + agentJar + "=@" + AgentArgString.escape(optionsFile));
        return existing == null || existing.isBlank() ? option : existing.strip() + " " + option;
    }

    static String quote(String option) {
        if (option.chars().noneMatch(c -> Character.isWhitespace(c) || c == '"' || c == '\'')) {
            return option;
        }
        if (option.indexOf('"') < 0) {
            return '"' + option + '"';
        }
        if (option.indexOf('\'') < 0) {
            return "'" + option + "'";
        }
        throw new CliException(CliException.USAGE, "cannot pass " + option + " in JAVA_TOOL_OPTIONS: it holds both"
                + " quote characters; move jprof.jar or set TMPDIR to a plainer path");
    }
}
