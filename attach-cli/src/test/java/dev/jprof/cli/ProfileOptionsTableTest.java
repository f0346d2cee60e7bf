package dev.jprof.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jprof.agent.AgentOptions;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Option;

/** Every profiling and rendering option of the CLI is passed to the agent as a key of its option table. */
class ProfileOptionsTableTest {
    @Test
    void everyCliOptionMapsToAnAgentKey() {
        List<String> checked = new ArrayList<>();
        List<Field> fields = new ArrayList<>(Arrays.asList(ProfileOptions.class.getDeclaredFields()));
        fields.addAll(Arrays.asList(ViewOptions.class.getDeclaredFields()));
        for (Field field : fields) {
            Option option = field.getAnnotation(Option.class);
            if (option == null) {
                continue;
            }
            String longest = Arrays.stream(option.names()).max(Comparator.comparingInt(String::length)).orElseThrow();
            String key = longest.replaceFirst("^-+", "").replace('-', '_');
            assertTrue(AgentOptions.knows(key), longest + " has no agent key '" + key + "': " + AgentOptions.helpText());
            assertTrue(AgentOptions.helpText().contains("  " + key), key + " is in the agent's help");
            checked.add(longest);
        }
        assertTrue(checked.size() >= 15, "the options were found: " + checked);
    }
}
