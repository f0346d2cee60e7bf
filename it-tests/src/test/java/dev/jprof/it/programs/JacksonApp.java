package dev.jprof.it.programs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.PackageVersion;

/** An application with its own Jackson: prints the version it sees and round-trips JSON. */
public final class JacksonApp {
    private JacksonApp() {
    }

    public static void main(String[] args) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        long end = System.nanoTime() + 500_000_000L;
        int n = 0;
        while (System.nanoTime() < end) {
            JsonNode node = mapper.readTree("{\"a\":[1,2,3],\"b\":{\"c\":\"" + n + "\"}}");
            n += node.get("a").size();
        }
        System.out.println("jackson " + PackageVersion.VERSION + " ok " + (n > 0));
    }
}
