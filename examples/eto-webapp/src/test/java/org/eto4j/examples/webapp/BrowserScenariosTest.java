package org.eto4j.examples.webapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eto4j.core.DailyWeather;
import org.eto4j.core.EtoException;
import org.eto4j.core.EtoResult;
import org.eto4j.core.Fao56;
import org.eto4j.core.MonthlyWeather;
import org.eto4j.core.Station;
import org.eto4j.core.ValidationMode;
import org.eto4j.i18n.Messages;
import org.eto4j.i18n.Problem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

/**
 * The page in a real headless Chromium against the real server: the browser scenarios. Each test
 * leaves a PNG of its end state under {@code target/screenshots/}.
 */
class BrowserScenariosTest {
    static final Locale PT = Messages.BRAZILIAN_PORTUGUESE;
    static final Locale EN = Messages.ENGLISH;
    /**
     * The demo throttle, so that a five-year file takes a few seconds and its progress can be watched:
     * 1,827 records x 4 stages x 0.8 ms, about 6 s.
     */
    static final long DEMO_DELAY_MICROS = 800;

    static WebApp app;
    static Messages messages;
    Browser browser;

    @TempDir
    Path temp;

    @BeforeAll
    static void startApp() {
        app = WebApp.start(WebAppConfig.defaults().withPorts(0, 0).withDemoDelayPerRowMicros(DEMO_DELAY_MICROS)
                .withLimits(WebAppConfig.DEFAULT_MAX_BODY_BYTES, WebAppConfig.DEFAULT_MAX_ROWS, 1000));
        messages = Messages.builder().addBundle("org/eto4j/examples/webapp/messages",
                BrowserScenariosTest.class.getClassLoader()).build();
    }

    @AfterAll
    static void stopApp() {
        app.close();
    }

    @BeforeEach
    void openBrowser() {
        browser = new Browser();
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
        Browser.deleteTree(browser.downloads);
    }

    // ---- 1. Happy path ----

    @Test
    void happyPathUploadsAMultiYearSeriesAndShowsProgressTableChartAndCsv() throws IOException {
        Path file = temp.resolve("balsas-ma-2016-2020.csv");
        Files.writeString(file, Fixtures.sampleCsv(), StandardCharsets.UTF_8);
        browser.open(app.baseUri().toString());
        station("-7.5312", "-46.0390", "256");
        // A hostile name: it must stay text on the page and must not become a formula in the CSV.
        String name = "=HYPERLINK(\"http://x\")<img src=x onerror=\"window.__injected=1\">";
        browser.id("name").sendKeys(name);
        browser.id("file").sendKeys(file.toAbsolutePath().toString());
        browser.waitText("file-info", "balsas-ma-2016-2020.csv (1,827 rows)");
        recordPercents();

        browser.id("calculate").click();
        awaitResults();

        List<Integer> seen = percents();
        assertEquals(100, seen.get(seen.size() - 1), "the bar ends at 100 %: " + seen);
        assertTrue(seen.stream().anyMatch(p -> p > 0 && p < 100), "intermediate progress was shown: " + seen);
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(seen.get(i) >= seen.get(i - 1), "progress never goes back: " + seen);
        }
        assertEquals("100 %", browser.id("percent").getText());
        assertEquals(messages.format(EN, "task.state.succeeded"), browser.id("state-badge").getText());
        assertEquals("1,827 days", browser.id("sum-days").getText());
        assertEquals(1000, browser.driver.findElements(By.cssSelector("#tbody tr")).size());
        assertEquals("Showing the first 1,000 of 1,827 rows; download the CSV for all of them.",
                browser.id("truncated").getText());
        Number points = (Number) browser.js("return document.querySelector('#chart polyline').points.numberOfItems");
        assertEquals(Fixtures.SAMPLE_DAYS, points.intValue(), "one chart point per day");

        assertEquals(name, browser.id("results-name").getText(), "user text is shown as text");
        assertEquals(0L, browser.js("return document.querySelectorAll('main img').length"));
        assertEquals(null, browser.js("return window.__injected === undefined ? null : window.__injected"));

        browser.id("download").click();
        Path csv = browser.awaitDownload();
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertEquals("\uFEFFstation,date,eto_mm_day,flags", lines.get(0));
        assertTrue(lines.get(1).startsWith("\"'=HYPERLINK(\"\"http://x\"\")<img src=x onerror=\"\"window.__injected=1\"\">\",2016-01-01,"),
                lines.get(1));
        assertEquals(Fixtures.SAMPLE_DAYS + 1, lines.size());
        assertEquals(List.of("websocket"), browser.js("return window.__etoEvents.transports;"));
        List<String> console = browser.consoleMessages();
        assertTrue(console.stream().noneMatch(m -> m.startsWith("SEVERE")), "no console error: " + console);
        browser.screenshot("1-happy-path");
    }

    // ---- 2. Errors ----

    @Test
    void errorsAreLocalisedAndTheUserCanFixAndRetry() throws IOException {
        browser.open(app.baseUri().toString());
        language("pt-BR");
        station("-7.5312", "-46.0390", "256");

        // Not a CSV file at all (a PNG image).
        Path image = temp.resolve("photo.png");
        Files.write(image,
                new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'});
        browser.id("file").sendKeys(image.toAbsolutePath().toString());
        browser.id("calculate").click();
        browser.waitText("error-message", messages.format(PT, "ui.error.unsupported_type"));

        browser.id("source-paste").click();

        // An invalid file: no date column.
        paste("station,value\nA,1\n");
        browser.id("calculate").click();
        String missingDate = messages.describe(PT, Problem.of("error.missing_column", "date").withField("date"));
        browser.waitText("error-message", missingDate);
        assertEquals(messages.format(PT, "ui.error.input_title"), browser.id("error-title").getText());
        assertEquals(messages.format(PT, "ui.error.code", "ETO-2006"), browser.id("error-code").getText());

        // Invalid values: the second day has Tmin above Tmax (found by the quality-control stage).
        paste("date,tmax,tmin,rh_mean,u2,rs\n2020-01-01,31.0,22.0,70,2.0,18\n2020-01-02,20.0,25.0,70,2.0,18\n");
        browser.id("retry").click();
        EtoException expected = Fao56.builder().validation(ValidationMode.LENIENT).build()
                .daily(Station.of(-7.5312, -46.039, 256), DailyWeather.builder(LocalDate.of(2020, 1, 2))
                        .tmax(20).tmin(25).rhMean(70).u2(2).rs(18).build())
                .error().orElseThrow().atRow(1);
        String tminAboveTmax = messages.describe(PT, Problem.of(expected.messageKey(), expected.args())
                .withField(expected.field().orElse(null)).withRow(1));
        browser.waitText("error-message", tminAboveTmax);
        assertTrue(tminAboveTmax.startsWith("Linha 2"), tminAboveTmax);

        // An invalid station value.
        browser.id("elevation").clear();
        browser.id("elevation").sendKeys("duzentos");
        browser.id("retry").click();
        browser.waitText("error-message", notANumber(PT, "elevation"));
        assertTrue(browser.id("retry").isEnabled());
        browser.screenshot("2-errors-localised-message");

        // Fixed: the same form computes.
        browser.id("elevation").clear();
        browser.id("elevation").sendKeys("256");
        paste("date,tmax,tmin,rh_mean,u2,rs\n2020-01-01,31.0,22.0,70,2.0,18\n2020-01-02,30.0,21.0,70,2.0,18\n");
        browser.id("retry").click();
        awaitResults();
        assertFalse(browser.id("error").isDisplayed());
        assertEquals("2 dias", browser.id("sum-days").getText());
        browser.screenshot("2-errors-fixed-and-retried");
    }

    // ---- 3. Network ----

    @Test
    void aServerSideCutMidTaskIsShownThenResumedFromTheLastSequenceToTheFinalResult() {
        browser.open(app.baseUri().toString());
        browser.id("source-sample").click();
        recordNotices();
        browser.id("calculate").click();
        browser.until(d -> "compute".equals(browser.id("stage").getDomAttribute("data-stage"))
                && ((Number) browser.js("return window.__etoEvents.opened")).intValue() == 1);
        long seqBeforeCut = ((Number) browser.js("return Math.max.apply(null, window.__etoEvents.seqs)")).longValue();
        assertTrue(seqBeforeCut > 0);

        app.restartLiveUpdates();   // every connection closed by the server (1001), port reopened

        browser.until(d -> ((Number) browser.js("return window.__etoEvents.opened")).intValue() == 2);
        awaitResults();
        browser.until(d -> Long.valueOf(1000).equals(browser.js("return window.__etoEvents.closeCode")));

        @SuppressWarnings("unchecked")
        List<String> notices = (List<String>) browser.js("return window.__notices;");
        assertTrue(notices.contains("ui.progress.connection_lost"), "the drop was shown: " + notices);
        assertTrue(notices.indexOf("ui.progress.resumed") > notices.indexOf("ui.progress.connection_lost"),
                "then the resume: " + notices);
        @SuppressWarnings("unchecked")
        List<Number> closes = (List<Number>) browser.js("return window.__etoEvents.closes;");
        assertEquals(List.of(1001L, 1000L), closes.stream().map(Number::longValue).toList());
        @SuppressWarnings("unchecked")
        List<Number> subscribes = (List<Number>) browser.js("return window.__etoEvents.subscribes;");
        assertEquals(0, subscribes.get(0).longValue(), "first subscription from the start");
        assertTrue(subscribes.get(1).longValue() >= seqBeforeCut, "resumed from the last sequence seen: " + subscribes);
        @SuppressWarnings("unchecked")
        List<Number> seqs = (List<Number>) browser.js("return window.__etoEvents.seqs;");
        for (int i = 1; i < seqs.size(); i++) {
            assertTrue(seqs.get(i).longValue() >= seqs.get(i - 1).longValue(), "no sequence regression: " + seqs);
        }
        assertEquals(messages.format(EN, "ui.progress.resumed"), browser.id("notice").getText());
        assertEquals(messages.format(EN, "task.state.succeeded"), browser.id("state-badge").getText());
        assertEquals("1,827 days", browser.id("sum-days").getText());
        browser.screenshot("3-network-cut-resumed");
    }

    // ---- "By location": the server downloads the weather (eto-sources) ----

    @Test
    void byLocationDownloadsTheWeatherShowsTheDownloadStageAndTheTableWithTheSourcesAttribution() {
        try (FakeWeatherService power = new FakeWeatherService();
             WebApp located = WebApp.start(WebAppConfig.defaults().withPorts(0, 0)
                     .withSourcesBaseUrl(power.baseUrl()))) {
            browser.open(located.baseUri().toString());
            browser.id("source-location").click();
            browser.until(d -> browser.id("panel-location").isDisplayed());
            station("-22.71", "-47.63", "");
            // Date inputs take typed text in the browser's own locale pattern: set their ISO value instead.
            browser.js("document.getElementById('location-start').value = '2023-01-01';"
                    + "document.getElementById('location-end').value = '2023-01-05';");
            new Select(browser.id("location-source")).selectByValue("nasa-power");
            assertEquals(messages.format(EN, "webapp.source.nasa-power"),
                    new Select(browser.id("location-source")).getFirstSelectedOption().getText());
            recordPercents();
            power.holdAnswers();

            browser.id("calculate").click();
            // The answer is held: the progress card shows the download stage until it is let go.
            browser.until(d -> "download".equals(browser.id("stage").getDomAttribute("data-stage")));
            assertEquals(messages.format(EN, "task.stage.download"), browser.id("stage").getText());
            browser.screenshot("7-by-location-downloading");
            power.releaseAnswers();

            awaitResults();
            List<Integer> seen = percents();
            assertEquals(100, seen.get(seen.size() - 1), "the bar ends at 100 %: " + seen);
            assertEquals("100 %", browser.id("percent").getText());
            assertEquals("5 days", browser.id("sum-days").getText());
            List<WebElement> rows = browser.driver.findElements(By.cssSelector("#tbody tr"));
            assertEquals(5, rows.size());
            assertTrue(rows.get(1).getText().contains(messages.format(EN, "flag.short.rs_from_temperature_range")),
                    rows.get(1).getText());
            assertEquals(messages.format(EN, "webapp.results.attribution",
                    org.eto4j.sources.SourceId.NASA_POWER.attribution()), browser.id("results-attribution").getText());
            assertEquals(1, power.requests.get(), "one request for a five-day period");
            browser.screenshot("7-by-location-results");
        }
    }

    @Test
    void byLocationTheFusedEstimateDrawsItsIntervalAsABandWithALegendAndCreditsBothSources() {
        try (FakeWeatherService services = new FakeWeatherService();
             WebApp located = WebApp.start(WebAppConfig.defaults().withPorts(0, 0)
                     .withSourcesBaseUrl(services.baseUrl()))) {
            browser.open(located.baseUri().toString());
            browser.id("source-location").click();
            browser.until(d -> browser.id("panel-location").isDisplayed());
            station("-7.53", "-46.04", "256");
            browser.js("document.getElementById('location-start').value = '2023-01-01';"
                    + "document.getElementById('location-end').value = '2023-01-03';");
            new Select(browser.id("location-source")).selectByValue("fused");
            assertEquals(messages.format(EN, "webapp.source.fused"),
                    new Select(browser.id("location-source")).getFirstSelectedOption().getText());

            browser.id("calculate").click();
            awaitResults();
            List<WebElement> rows = browser.driver.findElements(By.cssSelector("#tbody tr"));
            assertEquals(2, rows.size(), "the third day has no source with complete inputs");
            assertTrue(rows.get(0).getText().contains(messages.format(EN, "flag.fusion.corrected")),
                    rows.get(0).getText());
            String credit = browser.id("results-attribution").getText();
            assertTrue(credit.contains(org.eto4j.sources.SourceId.NASA_POWER.attribution())
                    && credit.contains(org.eto4j.sources.SourceId.OPEN_METEO_ARCHIVE.attribution()), credit);
            WebElement band = browser.id("chart-band");
            assertEquals("polygon", band.getTagName());
            assertEquals(4, band.getDomAttribute("points").trim().split("\\s+").length, "two days, both edges");
            assertEquals(messages.format(EN, "webapp.results.chart.interval"), browser.id("chart-legend").getText());
            browser.screenshot("7-by-location-fused-band");
            language("pt-BR");
            browser.until(d -> messages.format(PT, "webapp.results.chart.interval")
                    .equals(browser.id("chart-legend").getText()));
            assertEquals(messages.format(PT, "webapp.source.fused"),
                    new Select(browser.id("location-source")).getFirstSelectedOption().getText());
            browser.screenshot("7-by-location-fused-band-pt");
        }
    }

    @Test
    void whenNoSocketCanBeOpenedThePageFollowsOverServerSentEventsWithoutANotice() {
        // The WebSocket refuses this page's origin, as a proxy without WebSocket support would fail it.
        try (WebApp other = WebApp.start(refusingWebSockets())) {
            browser.open(other.baseUri().toString());
            browser.id("source-sample").click();
            recordNotices();
            browser.id("calculate").click();
            browser.until(d -> "sse".equals(browser.js("return document.body.getAttribute('data-transport')")));
            awaitResults();
            assertEquals(List.of(), browser.js("return window.__notices;"), "live updates go on: nothing to say");
            assertEquals(List.of("websocket", "sse"), browser.js("return window.__etoEvents.transports;"));
            assertEquals(1L, ((Number) browser.js("return window.__etoEvents.opened")).longValue(), "one event stream");
            assertTrue(((Number) browser.js("return window.__etoEvents.frames.sse.progress || 0")).intValue() > 0,
                    "progress arrived over the event stream");
            assertEquals(List.of(1006L), ((List<?>) browser.js("return window.__etoEvents.closes;")).stream()
                    .map(n -> ((Number) n).longValue()).toList(), "only the refused WebSocket handshake");
            // The page closed the stream after the terminal frame; the server holds nothing for it.
            browser.until(d -> other.liveUpdateStats().openConnections() == 0
                    && other.liveUpdateStats().openSubscriptions() == 0);
            assertEquals("1,827 days", browser.id("sum-days").getText());
            browser.screenshot("3-network-event-stream-fallback");
        }
    }

    @Test
    void whenNeitherSocketNorEventStreamCanBeOpenedThePagePollsTheStatusUrlAndSaysSo() {
        try (WebApp other = WebApp.start(refusingWebSockets())) {
            // And the event stream is blocked, as by a proxy that buffers or refuses it.
            ChromeDriver chrome = (ChromeDriver) browser.driver;
            chrome.executeCdpCommand("Network.enable", Map.of());
            chrome.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of("*/api/v1/events/*")));
            browser.open(other.baseUri().toString());
            browser.id("source-sample").click();
            recordNotices();
            browser.id("calculate").click();
            awaitResults();
            @SuppressWarnings("unchecked")
            List<String> notices = (List<String>) browser.js("return window.__notices;");
            assertEquals(List.of("ui.progress.polling"), notices);
            assertEquals(messages.format(EN, "ui.progress.polling"), browser.id("notice").getText());
            assertEquals(List.of("websocket", "sse", "poll"), browser.js("return window.__etoEvents.transports;"));
            assertEquals(0L, ((Number) browser.js("return window.__etoEvents.opened")).longValue());
            assertEquals("1,827 days", browser.id("sum-days").getText());
            browser.screenshot("3-network-polling-fallback");
        }
    }

    @Test
    void theAddressCanForceServerSentEventsWhichResumeAfterTheServerCutsThem() {
        browser.open(app.baseUri() + "?transport=sse");
        browser.id("source-sample").click();
        recordNotices();
        browser.id("calculate").click();
        browser.until(d -> "compute".equals(browser.id("stage").getDomAttribute("data-stage"))
                && ((Number) browser.js("return window.__etoEvents.opened")).intValue() == 1);
        assertEquals("sse", browser.js("return document.body.getAttribute('data-transport')"));
        long seqBeforeCut = ((Number) browser.js("return Math.max.apply(null, window.__etoEvents.seqs)")).longValue();

        app.restartLiveUpdates();   // every stream ended by the server with its close event (1001)

        browser.until(d -> ((Number) browser.js("return window.__etoEvents.opened")).intValue() == 2);
        awaitResults();
        @SuppressWarnings("unchecked")
        List<String> notices = (List<String>) browser.js("return window.__notices;");
        assertTrue(notices.indexOf("ui.progress.resumed") > notices.indexOf("ui.progress.connection_lost")
                && notices.contains("ui.progress.connection_lost"), "the drop, then the resume: " + notices);
        assertEquals(List.of("sse"), browser.js("return window.__etoEvents.transports;"), "no WebSocket");
        @SuppressWarnings("unchecked")
        List<String> urls = (List<String>) browser.js("return window.__etoEvents.urls;");
        assertTrue(urls.get(1).matches(".*[?&]sinceSeq=\\d+$")
                && Long.parseLong(urls.get(1).replaceAll(".*sinceSeq=", "")) >= seqBeforeCut,
                "reopened from the last sequence seen: " + urls + " (before the cut: " + seqBeforeCut + ")");
        @SuppressWarnings("unchecked")
        List<Number> seqs = (List<Number>) browser.js("return window.__etoEvents.seqs;");
        for (int i = 1; i < seqs.size(); i++) {
            assertTrue(seqs.get(i).longValue() >= seqs.get(i - 1).longValue(), "no sequence regression: " + seqs);
        }
        // The cut's close event; after the terminal frame the page closes the stream itself.
        assertEquals(List.of(1001L), ((List<?>) browser.js("return window.__etoEvents.closes;")).stream()
                .map(n -> ((Number) n).longValue()).toList());
        browser.until(d -> app.liveUpdateStats().openConnections() == 0
                && app.liveUpdateStats().openSubscriptions() == 0);
        assertEquals("1,827 days", browser.id("sum-days").getText());
        browser.screenshot("3-network-event-stream-resumed");
    }

    /** An app whose WebSocket refuses the page's origin. */
    private static WebAppConfig refusingWebSockets() {
        return WebAppConfig.defaults().withHttpPort(0).withDemoDelayPerRowMicros(DEMO_DELAY_MICROS)
                .withLimits(WebAppConfig.DEFAULT_MAX_BODY_BYTES, WebAppConfig.DEFAULT_MAX_ROWS, 1000)
                .withAllowedOrigins(List.of("http://elsewhere.example"));
    }

    // ---- 4. Data integrity ----

    @Test
    void tableAndCsvNumbersEqualEtoCore() throws IOException {
        browser.open(app.baseUri().toString());
        language("pt-BR");
        browser.id("source-sample").click();
        assertEquals("-7.5312", browser.id("latitude").getDomProperty("value"));
        browser.id("calculate").click();
        awaitResults();

        Map<LocalDate, Double> expected = Fixtures.expectedSampleEto();
        List<LocalDate> dates = new ArrayList<>(expected.keySet());
        @SuppressWarnings("unchecked")
        List<List<String>> table = (List<List<String>>) browser.js(
                "return Array.from(document.querySelectorAll('#tbody tr')).map(function (tr) {"
                        + " return [tr.cells[0].getAttribute('data-iso'), tr.cells[0].textContent,"
                        + " tr.cells[1].textContent]; });");
        assertEquals(1000, table.size());
        for (int i = 0; i < table.size(); i++) {
            LocalDate date = dates.get(i);
            assertEquals(date.toString(), table.get(i).get(0));
            assertEquals(messages.formats(PT).date(date), table.get(i).get(1));
            assertEquals(Fixtures.fixed(expected.get(date), 2, ','), table.get(i).get(2), "table row " + (i + 1));
        }

        browser.id("download").click();
        Path csv = browser.awaitDownload();
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertEquals("\uFEFFstation;date;eto_mm_day;flags", lines.get(0));
        assertEquals(expected.size() + 1, lines.size());
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(";", -1);
            LocalDate date = dates.get(i - 1);
            assertEquals("Balsas (MA)", cells[0]);
            assertEquals(date.toString(), cells[1]);
            assertEquals(Fixtures.fixed(expected.get(date), ResultWriter.CSV_DECIMALS, ','), cells[2], "CSV row " + i);
            double parsed = Double.parseDouble(cells[2].replace(',', '.'));
            assertTrue(Math.abs(parsed - expected.get(date)) <= 0.00005, "CSV row " + i);
        }
        double total = expected.values().stream().mapToDouble(Double::doubleValue).sum();
        assertEquals(messages.formats(PT).number(total, 1) + " mm", browser.id("sum-total").getText());
        browser.screenshot("4-data-integrity");
    }

    @Test
    void theMonthlyStepShowsMonthsWithEtoCoresValues() {
        browser.open(app.baseUri().toString());
        station("-7.5312", "-46.0390", "256");
        new Select(browser.id("step")).selectByValue("monthly");
        browser.id("source-paste").click();
        paste("month,tmax,tmin,rh_mean,u2,rs\n2016-01,31.2,22.9,80.1,1.6,17.2\n2016-02,31.0,22.8,82.3,1.5,16.9\n");
        browser.id("calculate").click();
        awaitResults();
        List<EtoResult> expected = Fao56.defaults().monthly(Station.of(-7.5312, -46.039, 256), List.of(
                MonthlyWeather.builder(YearMonth.of(2016, 1)).tmax(31.2).tmin(22.9).rhMean(80.1)
                        .u2(1.6).rs(17.2).build(),
                MonthlyWeather.builder(YearMonth.of(2016, 2)).tmax(31.0).tmin(22.8).rhMean(82.3)
                        .u2(1.5).rs(16.9).build()));
        assertEquals(messages.format(EN, "ui.results.table.month"), browser.id("th-date").getText());
        assertEquals(messages.format(EN, "webapp.results.summary.months"), browser.id("sum-days-label").getText());
        assertEquals("2 months", browser.id("sum-days").getText());
        List<WebElement> cells = browser.driver.findElements(By.cssSelector("#tbody td"));
        assertEquals(messages.formats(EN).month(YearMonth.of(2016, 1)), cells.get(0).getText());
        assertEquals(Fixtures.fixed(expected.get(0).eto(), 2, '.'), cells.get(1).getText());
        assertEquals(Fixtures.fixed(expected.get(1).eto(), 2, '.'), cells.get(4).getText());
        browser.screenshot("4-data-integrity-monthly");
    }

    // ---- 5. UI response ----

    @Test
    void buttonsDisableWhileRunningCancelWorksAndLanguageSwitchTranslatesEverything() {
        browser.open(app.baseUri().toString());
        assertEquals("Calculate", browser.id("calculate").getText());
        browser.id("source-sample").click();
        browser.id("calculate").click();
        browser.until(d -> "compute".equals(browser.id("stage").getDomAttribute("data-stage"))
                || "quality_control".equals(browser.id("stage").getDomAttribute("data-stage")));
        assertFalse(browser.id("calculate").isEnabled(), "Calculate is disabled while running");
        assertEquals("Calculating…", browser.id("calculate").getText());
        assertFalse(browser.id("latitude").isEnabled(), "the form is locked while running");
        assertTrue(browser.id("cancel").isDisplayed() && browser.id("cancel").isEnabled());
        assertEquals("Running", browser.id("state-badge").getText());
        String stageKey = "task.stage." + browser.id("stage").getDomAttribute("data-stage");
        assertEquals(messages.format(EN, stageKey), browser.id("stage").getText());

        language("pt-BR");
        browser.until(d -> {
            String stage = browser.id("stage").getDomAttribute("data-stage");
            return browser.id("stage").getText().equals(messages.format(PT, "task.stage." + stage));
        });
        assertEquals(messages.format(PT, "task.state.running"), browser.id("state-badge").getText());
        assertEquals(messages.format(PT, "ui.action.calculating"), browser.id("calculate").getText());
        assertEveryStaticTextIn(PT);
        browser.screenshot("5-ui-response-running-pt-BR");

        browser.id("cancel").click();
        browser.waitText("state-badge", messages.format(PT, "task.state.cancelled"));
        browser.waitText("notice", messages.format(PT, "webapp.progress.cancelled"));
        browser.until(d -> browser.id("calculate").isEnabled());
        assertEquals(messages.format(PT, "ui.action.calculate"), browser.id("calculate").getText());

        // An error message follows the language too.
        browser.id("elevation").clear();
        browser.id("elevation").sendKeys("abc");
        browser.id("calculate").click();
        browser.waitText("error-message", notANumber(PT, "elevation"));
        language("en");
        browser.waitText("error-message", notANumber(EN, "elevation"));
        assertEquals(messages.format(EN, "ui.error.input_title"), browser.id("error-title").getText());
        assertEveryStaticTextIn(EN);
        language("pt-BR");
        browser.waitText("error-message", notANumber(PT, "elevation"));
        browser.driver.navigate().refresh();
        browser.until(d -> "true".equals(browser.js("return document.body.getAttribute('data-ready')")));
        assertEquals("pt-BR", browser.js("return document.documentElement.lang"), "the choice is remembered");
        assertEquals(messages.format(PT, "ui.action.calculate"), browser.id("calculate").getText());
        browser.screenshot("5-ui-response-remembered-language");
    }

    // ---- 6. Cleanup ----

    @Test
    void afterTheResultTheSocketIsClosedWith1000AndTheServerHoldsNothingForIt() {
        browser.open(app.baseUri().toString());
        browser.id("source-paste").click();
        station("-7.5312", "-46.0390", "256");
        paste(Fixtures.sampleHead(400));
        browser.id("calculate").click();
        browser.until(d -> ((Number) browser.js("return window.__etoEvents ? window.__etoEvents.opened : 0"))
                .intValue() == 1);
        awaitResults();
        browser.until(d -> Long.valueOf(1000).equals(browser.js("return window.__etoEvents.closeCode")));
        browser.until(d -> {
            var stats = app.liveUpdateStats();
            return stats.openConnections() == 0 && stats.openSubscriptions() == 0 && stats.queuedFrames() == 0
                    && stats.bufferedFrames() == 0;
        });
        assertEquals(1, ((Number) browser.js("return window.__etoEvents.opened")).intValue(),
                "one connection, no reconnect");
        assertEquals(List.of(1000L), ((List<?>) browser.js("return window.__etoEvents.closes;")).stream()
                .map(n -> ((Number) n).longValue()).toList());
        assertEquals("400 days", browser.id("sum-days").getText());
        browser.screenshot("6-cleanup-closed-1000");
    }

    // ---- helpers ----

    private static String notANumber(Locale locale, String field) {
        return messages.format(locale, "ui.error.not_a_number", messages.format(locale, "field." + field));
    }

    private void recordNotices() {
        browser.js("window.__notices = [];"
                + "new MutationObserver(function () {"
                + " var k = document.getElementById('notice').getAttribute('data-key');"
                + " if (k && window.__notices[window.__notices.length - 1] !== k) window.__notices.push(k); })"
                + ".observe(document.getElementById('notice'), {attributes: true, childList: true, subtree: true});");
    }

    private void station(String latitude, String longitude, String elevation) {
        for (String[] f : new String[][] {{"latitude", latitude}, {"longitude", longitude}, {"elevation", elevation}}) {
            browser.id(f[0]).clear();
            browser.id(f[0]).sendKeys(f[1]);
        }
    }

    private void language(String tag) {
        new Select(browser.id("lang")).selectByValue(tag);
        browser.until(d -> tag.equals(browser.js("return document.body.getAttribute('data-lang')")));
    }

    private void paste(String text) {
        WebElement area = browser.id("paste");
        // Set the value at once (typing 2 lines by key events is slow and adds nothing).
        browser.js("arguments[0].value = arguments[1];", area, text);
    }

    private void awaitResults() {
        browser.until(d -> "shown".equals(browser.js("return document.body.getAttribute('data-result')"))
                && browser.id("results").isDisplayed());
    }

    private void recordPercents() {
        browser.js("window.__percents = [];"
                + "new MutationObserver(function () {"
                + " window.__percents.push(document.getElementById('percent').textContent); })"
                + ".observe(document.getElementById('percent'),"
                + " {childList: true, characterData: true, subtree: true});");
    }

    private List<Integer> percents() {
        @SuppressWarnings("unchecked")
        List<String> texts = (List<String>) browser.js("return window.__percents;");
        List<Integer> out = new ArrayList<>();
        for (String t : texts) {
            out.add(Integer.parseInt(t.replaceAll("[^0-9]", "")));
        }
        return out;
    }

    /** Every visible element whose text comes from a key shows the text of {@code locale}. */
    private void assertEveryStaticTextIn(Locale locale) {
        @SuppressWarnings("unchecked")
        List<List<String>> shown = (List<List<String>>) browser.js(
                "return Array.from(document.querySelectorAll('[data-i18n]')).filter(function (e) {"
                        + " return e.offsetParent !== null || e.tagName === 'OPTION'; })"
                        + ".map(function (e) { return [e.getAttribute('data-i18n'), e.textContent]; });");
        assertTrue(shown.size() > 30, "many texts checked: " + shown.size());
        for (List<String> s : shown) {
            assertEquals(messages.format(locale, s.get(0)), s.get(1), s.get(0));
        }
        assertEquals(messages.format(locale, "ui.title"), browser.driver.getTitle());
    }
}
