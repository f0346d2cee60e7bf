package dev.jprof.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PushOptionsTest {
    @Test
    void pushAppNameAndRepeatedLabels() {
        AgentOptions o = AgentOptions.parse("push=https://pyroscope:4040,app_name=shop.api,label=env=prod,label=region=eu-1");
        assertEquals("https://pyroscope:4040", o.push());
        assertEquals("shop.api", o.appName());
        assertEquals(Map.of("env", "prod", "region", "eu-1"), o.labels());
        assertEquals(java.util.List.of("env", "region"), new java.util.ArrayList<>(o.labels().keySet()));
    }

    @Test
    void loopMayPushWithoutAnOutfile() {
        AgentOptions o = AgentOptions.parse("loop=60s,push=http://localhost:4040");
        assertNull(o.outfile());
        assertThrows(OptionException.class, () -> AgentOptions.parse("loop=60s"));
    }

    @Test
    void mistakesAreOneActionableLine() {
        assertMessage("push=ftp://x", "http or https");
        assertMessage("push=http://user:pw@x:4040", "JPROF_PUSH_USER");
        assertMessage("push=http://x,label=env", "KEY=VALUE");
        assertMessage("push=http://x,label=1env=a", "label name");
        assertMessage("push=http://x,label=env=a b", "label env");
        assertMessage("label=env=prod", "only apply with push");
    }

    @Test
    void binaryRenderersAreGuessedFromTheOutfile() {
        assertEquals("pprof", AgentOptions.parse("outfile=/tmp/p.pb.gz").renderer());
        assertEquals("jfr", AgentOptions.parse("outfile=/tmp/p.jfr").renderer());
    }

    private static void assertMessage(String args, String part) {
        OptionException e = assertThrows(OptionException.class, () -> AgentOptions.parse(args));
        assertTrue(e.getMessage().contains(part), e.getMessage());
        assertTrue(!e.getMessage().contains("pw@") || part.equals("JPROF_PUSH_USER"), e.getMessage());
    }
}
