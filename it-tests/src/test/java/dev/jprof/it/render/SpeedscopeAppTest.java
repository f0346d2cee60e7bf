package dev.jprof.it.render;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;

/**
 * Agent output opened in the real speedscope app (npm speedscope 1.25.0's built {@code dist/release},
 * served from 127.0.0.1) in headless Chromium, through {@code index.html#profileURL=...}: both the
 * speedscope JSON and the collapsed stacks must load as profiles, not as speedscope's error page.
 */
class SpeedscopeAppTest {
    private static final String HOT = RenderTarget.class.getName() + ".hotLoop";
    private static final String COLD = RenderTarget.class.getName() + ".coldLoop";

    private static Path profiles;
    private static StaticServer server;
    private static HeadlessChromium chromium;

    @BeforeAll
    static void start() throws Exception {
        SpeedscopePackage.ensureInstalled();
        profiles = Files.createTempDirectory("jprof-speedscope-profiles");
        chromium = HeadlessChromium.start();
        server = new StaticServer(SpeedscopePackage.release(), profiles);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void speedscopeFileShowsOneProfilePerThread() throws Exception {
        Path file = AgentRun.profile(AgentRun.currentJava(), profiles.resolve("agent.speedscope.json"), "");
        JsonNode doc = new ObjectMapper().readTree(file.toFile());
        String name = doc.get("name").asText();
        int active = doc.get("activeProfileIndex").asInt();
        String activeThread = doc.get("profiles").get(active).get("name").asText();

        open(file, "");
        awaitTitle(name + " - speedscope");
        assertProfileDrawn();
        String text = bodyText();
        assertTrue(text.contains(activeThread + " (" + (active + 1) + "/2)"),
                "the toolbar names the busiest of the two threads:\n" + text);
        chromium.screenshot("speedscope-agent-profile.png");

        open(file, "&view=sandwich");
        awaitText(HOT);
        chromium.screenshot("speedscope-agent-profile-sandwich.png");
    }

    @Test
    void collapsedFileIsImported() throws Exception {
        Path file = AgentRun.profile(AgentRun.currentJava(), profiles.resolve("agent.collapsed"), "");
        List<String> lines = Files.readAllLines(file);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("render_worker;") && l.contains(COLD)), lines.toString());

        open(file, "");
        awaitTitle("agent.collapsed - speedscope");
        assertProfileDrawn();
        chromium.screenshot("speedscope-collapsed.png");

        open(file, "&view=sandwich");
        awaitText(HOT);
        assertTrue(bodyText().contains(COLD), bodyText());
        chromium.screenshot("speedscope-collapsed-sandwich.png");
    }

    private static void open(Path file, String extraHash) {
        String profileUrl = server.url("/profiles/" + file.getFileName());
        // A fresh document each time: speedscope reads the hash only when it loads.
        chromium.driver.get("about:blank");
        chromium.driver.get(server.url("/index.html") + "#profileURL="
                + URLEncoder.encode(profileUrl, StandardCharsets.UTF_8) + extraHash);
    }

    private static void awaitTitle(String title) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            assertNoAlertOrErrorPage();
            assertEquals(title, chromium.driver.getTitle());
        });
    }

    private static void awaitText(String text) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            assertNoAlertOrErrorPage();
            assertTrue(bodyText().contains(text), "page does not show " + text);
        });
    }

    private static void assertProfileDrawn() {
        List<WebElement> canvases = chromium.driver.findElements(By.tagName("canvas"));
        assertFalse(canvases.isEmpty(), "speedscope drew no canvas");
        assertTrue(canvases.stream().anyMatch(c -> c.getSize().getWidth() > 100 && c.getSize().getHeight() > 100),
                "no canvas of a visible size");
        assertNoAlertOrErrorPage();
        assertEquals(List.of(), chromium.consoleErrors(), "speedscope logged errors");
    }

    private static void assertNoAlertOrErrorPage() {
        try {
            Alert alert = chromium.driver.switchTo().alert();
            String message = alert.getText();
            alert.dismiss();
            fail("speedscope raised an alert: " + message);
        } catch (NoAlertPresentException expected) {
            // no import error
        }
        String text = bodyText();
        assertFalse(text.contains("Something went wrong"), "speedscope shows its error page:\n" + text);
    }

    private static String bodyText() {
        return chromium.driver.findElement(By.tagName("body")).getText();
    }
}
