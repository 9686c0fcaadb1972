package org.eto4j.examples.webapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The page in a real headless Chromium behind a real nginx that terminates TLS (the example's server block,
 * {@code src/test/resources/nginx/eto-webapp.conf.template}, with a self-signed certificate for localhost), the
 * app started with {@code --trusted-proxies 127.0.0.1 --public-base-url https://localhost:<nginx port>}: the
 * calculation's progress arrives live over {@code wss://} through the proxy, and, with the page's
 * {@code ?transport=sse}, over Server-Sent Events; every address the page used is https or wss, and the console
 * shows no error and no mixed content. nginx, openssl and Chromium are required (installed by
 * {@code scripts/install-prerequisites.sh}): when one is missing the test fails and says so. Screenshots:
 * {@code target/screenshots/proxy-*.png}.
 */
class ProxyBrowserTest {
    static WebApp app;
    static TlsProxy proxy;
    static String base;
    Browser browser;

    @BeforeAll
    static void start() {
        TlsProxy.requireInstalled();
        for (String program : List.of(Browser.CHROMIUM, Browser.CHROMEDRIVER)) {
            if (!Files.isExecutable(Paths.get(program))) {
                throw new IllegalStateException(program + " is missing: run `bash scripts/install-prerequisites.sh` "
                        + "(Debian packages chromium and chromium-driver)");
            }
        }
        int proxyPort = TlsProxy.freePort();
        base = "https://localhost:" + proxyPort;
        app = WebApp.start(WebAppConfig.parse(new String[] {"--http-port", "0", "--trusted-proxies", "127.0.0.1",
                "--public-base-url", base,
                "--demo-delay-per-row-micros", String.valueOf(BrowserScenariosTest.DEMO_DELAY_MICROS)}, Map.of()));
        proxy = TlsProxy.start(proxyPort, app.httpPort());
    }

    @AfterAll
    static void stop() {
        try {
            if (proxy != null) {
                proxy.close();
                proxy.deleteFiles();
            }
        } finally {
            if (app != null) {
                app.close();
            }
        }
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
            Browser.deleteTree(browser.downloads);
        }
    }

    @Test
    void progressArrivesLiveOverSecureWebSocketThroughTheProxy() {
        String taskId = calculate("/", "websocket", "proxy-websocket");
        String upgrade = "GET /ws/" + taskId + " 101 upgrade=websocket";
        browser.until(d -> proxy.accessLines().contains(upgrade));
        assertTrue(proxy.accessLines().stream().noneMatch(l -> l.contains("/api/v1/events/" + taskId)),
                "no event stream was opened: " + proxy.accessLines());
    }

    @Test
    void progressArrivesLiveOverServerSentEventsWhenThePageAsksForThem() {
        String taskId = calculate("/?transport=sse", "sse", "proxy-sse");
        String stream = "GET /api/v1/events/" + taskId + " 200 upgrade=-";
        browser.until(d -> proxy.accessLines().contains(stream));
        assertTrue(proxy.accessLines().stream().noneMatch(l -> l.contains("/ws/" + taskId)),
                "no WebSocket was opened: " + proxy.accessLines());
    }

    /** Runs the sample through the page at {@code path}, checks what both transports share, returns the task id. */
    private String calculate(String path, String transport, String screenshot) {
        browser = new Browser(options -> {
            options.addArguments("--ignore-certificate-errors");   // the certificate is the test's own
            options.setAcceptInsecureCerts(true);
        });
        browser.open(base + path);
        assertEquals("https:", browser.js("return location.protocol"));
        browser.js("console.info('console is recorded')");
        assertTrue(browser.consoleMessages().stream().anyMatch(m -> m.contains("console is recorded")),
                "the console can be read, so an empty one means no message");
        browser.id("source-sample").click();
        browser.js("window.__percents = [];"
                + "var percent = document.getElementById('percent');"
                + "new MutationObserver(function () { window.__percents.push(percent.textContent); })"
                + ".observe(percent, {childList: true, characterData: true, subtree: true});");
        browser.id("calculate").click();

        // Live: while the task runs, its progress frames come over the transport asked for.
        browser.until(d -> "running".equals(browser.js("return document.body.getAttribute('data-phase')"))
                && transport.equals(browser.js("return document.body.getAttribute('data-transport')"))
                && progressFrames(transport) >= 3);
        browser.screenshot(screenshot + "-running");
        awaitResults();

        @SuppressWarnings("unchecked")
        Map<String, Object> trace = (Map<String, Object>) browser.js("return window.__etoEvents;");
        assertEquals(List.of(transport), trace.get("transports"), "no other transport was needed: " + trace);
        @SuppressWarnings("unchecked")
        List<String> opened = (List<String>) trace.get("urls");
        String endpoint = transport.equals("websocket") ? "wss://localhost:" + proxy.port + "/ws/"
                : base + "/api/v1/events/";
        assertTrue(opened.get(0).startsWith(endpoint), "the absolute address of the 202 answer: " + opened);
        String taskId = opened.get(0).substring(endpoint.length()).replaceAll("[?].*", "");
        assertFalse(opened.get(0).contains("token"), "the trace keeps no token: " + opened);

        List<Integer> percents = new ArrayList<>();
        @SuppressWarnings("unchecked")
        List<String> texts = (List<String>) browser.js("return window.__percents;");
        texts.forEach(t -> percents.add(Integer.parseInt(t.replaceAll("[^0-9]", ""))));
        assertTrue(percents.stream().anyMatch(p -> p > 0 && p < 100), "intermediate progress was shown: " + percents);
        assertEquals("100 %", browser.id("percent").getText());
        assertEquals("1,827 days", browser.id("sum-days").getText());
        assertEquals(1000, browser.driver.findElements(By.cssSelector("#tbody tr")).size());

        // Everything the page loaded or opened went through the proxy over TLS.
        @SuppressWarnings("unchecked")
        List<String> fetched = (List<String>) browser.js("return performance.getEntriesByType('navigation')"
                + ".concat(performance.getEntriesByType('resource')).map(function (e) { return e.name; });");
        List<String> all = new ArrayList<>(fetched);
        all.addAll(opened);
        for (String url : all) {
            assertTrue(url.startsWith(base + "/") || url.startsWith("wss://localhost:" + proxy.port + "/"),
                    "over TLS through the proxy: " + url + " in " + all);
        }
        assertTrue(fetched.stream().anyMatch(u -> u.startsWith(base + "/eto-events.js")),
                "the client module: " + fetched);
        assertTrue(fetched.stream().anyMatch(u -> u.startsWith(base + "/api/v1/tasks/" + taskId + "/result")),
                "the result from the absolute resultUrl: " + fetched);

        List<String> console = browser.consoleMessages();
        assertTrue(console.stream().noneMatch(m -> m.startsWith("SEVERE")), "no console error: " + console);
        assertTrue(console.stream().noneMatch(m -> m.toLowerCase(java.util.Locale.ROOT).contains("mixed content")),
                "no mixed content: " + console);
        browser.screenshot(screenshot);
        return taskId;
    }

    private int progressFrames(String transport) {
        Number n = (Number) browser.js("var t = window.__etoEvents;"
                + " return t && t.frames[arguments[0]] && t.frames[arguments[0]].progress || 0;", transport);
        return n.intValue();
    }

    private void awaitResults() {
        browser.until(d -> "shown".equals(browser.js("return document.body.getAttribute('data-result')"))
                && browser.id("results").isDisplayed());
    }
}
