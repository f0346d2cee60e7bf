package dev.jprof.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MaxMemoryOptionTest {
    @Test
    void defaultsTo32Megabytes() {
        assertEquals(32L << 20, AgentOptions.parse(null).maxMemory());
        assertTrue(AgentOptions.helpText().contains("max_memory=SIZE"), AgentOptions.helpText());
    }

    @Test
    void acceptsSuffixesInEitherCaseAndPlainBytes() {
        assertEquals(64L << 20, AgentOptions.parse("max_memory=64m").maxMemory());
        assertEquals(2048L << 10, AgentOptions.parse("max_memory=2048k").maxMemory());
        assertEquals(1L << 30, AgentOptions.parse("max_memory=1G").maxMemory());
        assertEquals(3L << 19, AgentOptions.parse("max_memory=1.5MB").maxMemory());
        assertEquals(5_000_000, AgentOptions.parse("max_memory=5000000").maxMemory());
    }

    @Test
    void badValuesSayWhatIsValid() {
        for (String bad : new String[] {"lots", "0", "512k", "-5m", "65g", "32t", ""}) {
            OptionException e = assertThrows(OptionException.class, () -> AgentOptions.parse("max_memory=" + bad), bad);
            String expected = bad.isEmpty() ? "max_memory needs a value, e.g. max_memory=SIZE"
                    : "max_memory must be a size from 1m to 64g such as 32m, 512k or 1g, got '" + bad + "'";
            assertEquals(expected, e.getMessage());
        }
    }
}
