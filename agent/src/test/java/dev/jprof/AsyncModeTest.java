package dev.jprof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AsyncModeTest {
    @Test
    void optionsAreTheSeedsValues() {
        assertEquals("enabled", AsyncMode.ENABLED.option());
        assertEquals("disabled", AsyncMode.DISABLED.option());
        assertEquals("strict", AsyncMode.STRICT.option());
    }

    @Test
    void parseIgnoresCaseAndSpaces() {
        for (AsyncMode mode : AsyncMode.values()) {
            assertEquals(mode, AsyncMode.parse(mode.option()));
            assertEquals(mode, AsyncMode.parse(" " + mode.name() + " "));
        }
    }

    @Test
    void parseRejectsOtherValuesNamingTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AsyncMode.parse("sometimes"));
        assertTrue(e.getMessage().contains("'enabled', 'disabled' or 'strict'"), e.getMessage());
        assertTrue(e.getMessage().contains("sometimes"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AsyncMode.parse(null));
    }
}
