package dev.jprof.fuzz;

import dev.jprof.agent.AgentOptions;
import dev.jprof.agent.OptionException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Fuzzes the agent-args parser: any text parses or fails with an {@link OptionException}, never anything else. */
class AgentArgsFuzzTest {
    @Provide
    Arbitrary<String> agentArgs() {
        Arbitrary<String> key = Arbitraries.of("renderer", "outfile", "interval", "hide", "hide_regex", "show",
                "show_regex", "show_all", "timeline", "unicode", "color", "time", "filter_threshold", "async_mode",
                "max_overhead", "duration", "delay", "start", "loop", "keep", "signal", "probability", "exit_timeout",
                "stack_walk", "render_option", "p", "virtual_threads_per_tick", "threads_per_tick", "target_description", "nope", "");
        Arbitrary<String> value = Arbitraries.oneOf(
                Arbitraries.of("", "10ms", "0", "-1", "1e9", "true", "maybe", "(", "[a-", "*/x/*", "html", "json", "text",
                        "session", "a.b.Missing", "percent_of_total", "USR1", "QUIT", "1%", "200%", "0.5", "NaN", "\\,",
                        "flat", "processor_options.filter_threshold=0", "x=y=z"),
                Arbitraries.strings().withChars("=,\\@%*()[]{}.:;/ abc0123456789").ofMaxLength(10));
        Arbitrary<String> pair = net.jqwik.api.Combinators.combine(key, value, Arbitraries.of("=", "", "=="))
                .as((k, v, sep) -> k + sep + v);
        return pair.list().ofMaxSize(6).map(list -> String.join(",", list));
    }

    @Property(tries = 2000)
    void agentArgsParseOrFailWithOptionException(@ForAll("agentArgs") String args) {
        try {
            AgentOptions.parse(args);
        } catch (OptionException expected) {
            // the documented error
        }
    }

    @Property(tries = 500)
    void arbitraryTextParsesOrFailsWithOptionException(@ForAll String args) {
        try {
            AgentOptions.parse(args);
        } catch (OptionException expected) {
            // the documented error
        }
    }
}
