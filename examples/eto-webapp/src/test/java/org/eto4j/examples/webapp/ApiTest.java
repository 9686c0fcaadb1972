package org.eto4j.examples.webapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eto4j.core.EstimateFlag;
import org.eto4j.core.EtoResult;
import org.eto4j.core.Fao56;
import org.eto4j.core.MonthlyWeather;
import org.eto4j.core.Station;
import org.eto4j.i18n.Messages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The REST API over real loopback HTTP: answers, status codes, errors and limits. */
class ApiTest {
    /** Small limits so that they are easy to exceed: 48 KiB, 1,000 rows. */
    static final long MAX_BODY = 48 * 1024;
    static final int MAX_ROWS = 1000;

    static WebApp app;
    static Http http;

    @BeforeAll
    static void start() {
        app = WebApp.start(WebAppConfig.defaults().withHttpPort(0).withLimits(MAX_BODY, MAX_ROWS, 10_000));
        http = new Http(app.baseUri());
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static final java.util.Locale EN = Messages.ENGLISH;
    static final java.util.Locale PT = Messages.BRAZILIAN_PORTUGUESE;
    static final String STATION = "latitude=-7.5312&longitude=-46.0390&elevation=256";

    // ---- submit, status, result ----

    @Test
    void jsonSubmissionAnswers202AtOnceWithTheTaskLinks() {
        HttpResponse<String> r = http.postJson("{\"latitude\":-7.5312,\"longitude\":-46.039,\"elevation\":256,"
                + "\"method\":\"fao56\",\"step\":\"daily\",\"rows\":["
                + "{\"date\":\"2016-01-01\",\"T2M_MAX\":31.88,\"t2m_min\":23.78,\"T2M\":27.1,\"RH2M\":74.29,"
                + "\"WS2M\":2.16,\"ALLSKY_SFC_SW_DWN\":16.53},"
                + "{\"date\":\"2016-01-02\",\"T2M_MAX\":34.31,\"t2m_min\":22.03,\"T2M\":28.18,\"RH2M\":67.31,"
                + "\"WS2M\":1.9,\"ALLSKY_SFC_SW_DWN\":20.14}]}");
        assertEquals(202, r.statusCode(), r.body());
        JsonNode task = Http.json(r);
        String id = task.get("taskId").asText();
        assertEquals(List.of("taskId", "token", "websocketUrl", "eventsUrl", "statusUrl", "resultUrl"),
                fieldNames(task));
        // Paths only, by default: right on any host the page was reached at, behind any proxy.
        assertEquals("/ws/" + id, task.get("websocketUrl").asText());
        assertEquals("/api/v1/events/" + id, task.get("eventsUrl").asText());
        assertEquals("/api/v1/tasks/" + id, task.get("statusUrl").asText());
        assertEquals("/api/v1/tasks/" + id + "/result", task.get("resultUrl").asText());
        assertEquals("/api/v1/tasks/" + id, r.headers().firstValue("Location").orElseThrow());

        Http.awaitEnd(app, id);
        JsonNode status = Http.json(http.get(task.get("statusUrl").asText(), task.get("token").asText()));
        assertEquals("succeeded", status.get("state").asText());
        assertEquals(2, status.get("result").get("days").asInt());
        for (String link : List.of("websocketUrl", "eventsUrl", "statusUrl", "resultUrl")) {
            assertEquals(task.get(link), status.get(link), "the status carries the same " + link);
        }

        JsonNode result = Http.json(http.get(task.get("resultUrl").asText() + "?format=json",
                task.get("token").asText()));
        Map<LocalDate, Double> expected = Fixtures.expectedSampleEto();
        assertEquals(expected.get(LocalDate.of(2016, 1, 1)), result.get("rows").get(0).get("eto").asDouble());
        assertEquals(expected.get(LocalDate.of(2016, 1, 2)), result.get("rows").get(1).get("eto").asDouble());
        assertEquals("mm/day", result.get("unit").asText());
        assertEquals(2, result.get("summary").get("days").asInt());
        assertEquals(expected.get(LocalDate.of(2016, 1, 1)) + expected.get(LocalDate.of(2016, 1, 2)),
                result.get("summary").get("total").asDouble(), 1e-12);
    }

    @Test
    void theStatusUrlGivesTheSameSnapshotAsTheWebSocket() throws Exception {
        sameSnapshot(app, http, Fixtures.sampleHead(30));
    }

    @Test
    void aResultTooLargeToSendInlineIsGivenAsItsUrlByTheStatusAsByTheWebSocket() throws Exception {
        // 1,700 rows: the status answer takes its short way (no result written), the WebSocket the codec's own.
        int days = 1700;
        assertTrue(days * ApiServlet.MIN_ROW_JSON_CHARS > WebApp.MAX_INLINE_RESULT_BYTES);
        StringBuilder csv = new StringBuilder("date,tmax,tmin\n");
        LocalDate d = LocalDate.of(2016, 1, 1);
        for (int i = 0; i < days; i++, d = d.plusDays(1)) {
            csv.append(d).append(",31,").append(20 + i % 3).append('\n');
        }
        try (WebApp large = WebApp.start(WebAppConfig.defaults().withHttpPort(0))) {
            JsonNode rest = sameSnapshot(large, new Http(large.baseUri()), csv.toString());
            assertFalse(rest.has("result"), rest.toString());
            assertTrue(rest.get("resultUrl").asText().endsWith("/result"), rest.toString());
        }
    }

    private static JsonNode sameSnapshot(WebApp app, Http http, String csv) throws Exception {
        HttpResponse<String> r = http.postCsv(STATION, csv);
        assertEquals(202, r.statusCode(), r.body());
        JsonNode task = Http.json(r);
        String id = task.get("taskId").asText();
        Http.awaitEnd(app, id);
        JsonNode rest = Http.json(http.get(task.get("statusUrl").asText(), task.get("token").asText()));

        ObjectNode socket = (ObjectNode) http.firstWebSocketFrame(task.get("websocketUrl").asText(),
                task.get("token").asText());
        assertEquals(socket, Http.snapshotOfStatus(rest, socket),
                "the status is the snapshot frame plus the task's links");
        assertEquals("snapshot", rest.get("type").asText());
        assertEquals(1, rest.get("v").asInt());
        return rest;
    }

    @Test
    void csvResultUsesTheRequestLocalesDialectAndNeutralisesFormulas() {
        JsonNode task = submitCsv("name=%3DHYPERLINK(%22http%3A%2F%2Fx%22)&" + STATION, Fixtures.sampleHead(3));
        String id = task.get("taskId").asText();
        Http.awaitEnd(app, id);
        String token = task.get("token").asText();
        Map<LocalDate, Double> expected = Fixtures.expectedSampleEto();

        HttpResponse<String> pt = http.get(task.get("resultUrl").asText() + "?format=csv", token,
                "Accept-Language", "pt-BR,pt;q=0.9");
        assertEquals(200, pt.statusCode());
        assertTrue(pt.headers().firstValue("Content-Type").orElseThrow().startsWith("text/csv"));
        String[] lines = pt.body().split("\r\n");
        assertEquals("\uFEFFstation;date;eto_mm_day;flags", lines[0]);
        assertEquals("\"'=HYPERLINK(\"\"http://x\"\")\";2016-01-01;"
                + Fixtures.fixed(expected.get(LocalDate.of(2016, 1, 1)), 4, ',') + ";"
                + Fixtures.STANDARD_MEAN_FLAG, lines[1]);

        String[] en = http.get(task.get("resultUrl").asText() + "?format=csv&lang=en", token).body().split("\r\n");
        assertEquals("\uFEFFstation,date,eto_mm_day,flags", en[0]);
        assertEquals("\"'=HYPERLINK(\"\"http://x\"\")\",2016-01-01,"
                + Fixtures.fixed(expected.get(LocalDate.of(2016, 1, 1)), 4, '.') + ","
                + Fixtures.STANDARD_MEAN_FLAG, en[1]);
        assertEquals(4, en.length);
    }

    @Test
    void flagsAppearWhenFao56EstimatedAValue() {
        JsonNode task = submitCsv("DATE;TMAX;TMIN\n2020-01-01;31,5;22,0\n");
        Http.awaitEnd(app, task.get("taskId").asText());
        JsonNode row = Http.json(http.get(task.get("resultUrl").asText(), task.get("token").asText()))
                .get("rows").get(0);
        List<String> flags = new ArrayList<>();
        row.get("flags").forEach(f -> flags.add(f.asText()));
        assertEquals(List.of("ea_from_tmin", "rs_from_temperature_range", "wind_default", "tmean_from_extremes"),
                flags);
    }

    @Test
    void theMeanTemperatureRuleIsTheClisOptionWithTheSameDefault() {
        String csv = "date,tmax,tmin,tmean,rh_mean,u2,rs\n2016-01-01,31.88,23.78,27.1,74.29,2.16,16.53\n";
        Station station = Station.of(Fixtures.LATITUDE, Fixtures.LONGITUDE, Fixtures.ELEVATION);
        org.eto4j.core.DailyWeather.Builder day = org.eto4j.core.DailyWeather.builder(LocalDate.of(2016, 1, 1))
                .tmax(31.88).tmin(23.78).rhMean(74.29).u2(2.16).rs(16.53);
        double extremes = Fao56.defaults().daily(station, day.build()).eto();
        double measured = Fao56.defaults().daily(station, day.tmean(27.1).build()).eto();
        for (String[] c : new String[][] {{"", "tmean_from_extremes"}, {"&tmean=extremes", "tmean_from_extremes"},
                {"&tmean=measured", ""}}) {
            JsonNode task = submitCsv(STATION + c[0], csv);
            Http.awaitEnd(app, task.get("taskId").asText());
            JsonNode row = Http.json(http.get(task.get("resultUrl").asText(), task.get("token").asText()))
                    .get("rows").get(0);
            assertEquals(c[1].isEmpty() ? measured : extremes, row.get("eto").asDouble(), c[0]);
            assertEquals(!c[1].isEmpty(), row.get("flags").toString().contains(c[1].isEmpty() ? "-" : c[1]), c[0]);
        }
        JsonNode bad = error(http.postCsv(STATION + "&tmean=median", csv), 400);
        assertEquals("ETO-1010", bad.get("code").asText(), bad::toString);
    }

    @Test
    void aBadRowFailsTheTaskAndTheResultExplainsItWithFieldAndRow() {
        JsonNode task = submitCsv("date,tmax,tmin\n2020-01-01,31,22\n2020-01-02,31,abc\n");
        Http.awaitEnd(app, task.get("taskId").asText());
        String token = task.get("token").asText();
        JsonNode status = Http.json(http.get(task.get("statusUrl").asText(), token));
        assertEquals("failed", status.get("state").asText());
        assertEquals("ETO-2003", status.get("error").get("code").asText());
        assertEquals("error.malformed_number", status.get("error").get("messageKey").asText());

        HttpResponse<String> r = http.get(task.get("resultUrl").asText(), token, "Accept-Language", "pt-BR");
        assertEquals(422, r.statusCode());
        JsonNode e = Http.json(r).get("error");
        assertEquals("ETO-2003", e.get("code").asText());
        assertEquals("tmin", e.get("field").asText());
        assertEquals(2, e.get("row").asInt());
        assertTrue(e.get("message").asText().startsWith("Linha 2, coluna tmin: "), e.get("message").asText());
        // The status (and WebSocket) error carries the same place beside eto-core's own arguments, the row
        // zero-based as in the task protocol (the result endpoint counts data rows from 1, for people).
        JsonNode failed = status.get("error");
        assertEquals("tmin", failed.get("field").asText());
        assertEquals(1, failed.get("row").asInt());
        assertEquals(e.get("args"), failed.get("args"));
    }

    @Test
    void theMonthlyStepEqualsEtoCoresMonthlySeries() {
        String csv = "month,tmax,tmin,rh_mean,u2,rs\n"
                + "2016-01,31.2,22.9,80.1,1.6,17.2\n2016-02,31.0,22.8,82.3,1.5,16.9\n"
                + "2016-03,31.5,22.9,81.0,1.4,17.8\n2016-04,32.4,22.6,77.5,1.5,18.6\n";
        JsonNode task = submitCsv(STATION + "&step=monthly", csv);
        Http.awaitEnd(app, task.get("taskId").asText());
        String token = task.get("token").asText();
        JsonNode result = Http.json(http.get(task.get("resultUrl").asText(), token));

        List<MonthlyWeather> months = new ArrayList<>();
        String[] lines = csv.split("\n");
        for (int i = 1; i < lines.length; i++) {
            String[] c = lines[i].split(",");
            months.add(MonthlyWeather.builder(YearMonth.parse(c[0])).tmax(Double.parseDouble(c[1]))
                    .tmin(Double.parseDouble(c[2])).rhMean(Double.parseDouble(c[3])).u2(Double.parseDouble(c[4]))
                    .rs(Double.parseDouble(c[5])).build());
        }
        List<EtoResult> expected = Fao56.defaults().monthly(Station.of(-7.5312, -46.0390, 256), months);
        assertEquals("monthly", result.get("step").asText());
        for (int i = 0; i < months.size(); i++) {
            JsonNode row = result.get("rows").get(i);
            assertEquals(months.get(i).month().toString(), row.get("month").asText());
            assertEquals(expected.get(i).eto(), row.get("eto").asDouble(), "month " + (i + 1));
            List<String> flags = new ArrayList<>();
            row.get("flags").forEach(f -> flags.add(f.asText()));
            assertEquals(expected.get(i).flags().stream().map(EstimateFlag::token).sorted().toList(),
                    flags.stream().sorted().toList());
        }
        assertTrue(result.get("rows").get(0).get("flags").toString().contains("soil_heat_flux_assumed_zero"),
                "the first month has no previous month (G = 0)");
        assertTrue(result.get("rows").get(3).get("flags").toString().contains("soil_heat_flux_previous_month_only"),
                "the last month has no next month (eq. 44)");
        JsonNode summary = result.get("summary");
        assertEquals(4, summary.get("periods").asInt());
        assertEquals(31 + 29 + 31 + 30, summary.get("days").asInt());
        double total = 0;
        for (int i = 0; i < months.size(); i++) {
            total += expected.get(i).eto() * months.get(i).month().lengthOfMonth();
        }
        assertEquals(total, summary.get("total").asDouble(), 1e-9);
        assertTrue(http.get(task.get("resultUrl").asText() + "?format=csv", token).body()
                .startsWith("\uFEFFmonth,eto_mm_day,flags\r\n2016-01,"));
    }

    // ---- tokens ----

    @Test
    void everyTaskRouteNeedsThatTasksTokenAndRefusesAlikeOtherwise() {
        JsonNode a = submitCsv(Fixtures.sampleHead(2));
        JsonNode b = submitCsv(Fixtures.sampleHead(2));
        String aStatus = a.get("statusUrl").asText();
        List<HttpResponse<String>> refused = List.of(
                http.get(aStatus, null),
                http.get(aStatus, b.get("token").asText()),
                http.get(aStatus, a.get("token").asText() + "x"),
                http.get(aStatus + "/result", b.get("token").asText()),
                http.get("/api/v1/tasks/00000000-0000-0000-0000-000000000000", a.get("token").asText()),
                http.get("/api/v1/tasks/not%20an%20id", a.get("token").asText()),
                http.send(http.request(aStatus).DELETE().header("Authorization", "Bearer " + b.get("token").asText())));
        for (HttpResponse<String> r : refused) {
            assertEquals(403, r.statusCode(), r.body());
            assertEquals("WEB-4030", Http.json(r).get("error").get("code").asText());
        }
        assertEquals(1, refused.stream().map(HttpResponse::body).distinct().count(), "one answer for every refusal");
        assertEquals(200, http.get(aStatus, a.get("token").asText()).statusCode());
    }

    // ---- errors ----

    @Test
    void errorsAreLocalisedJsonWithCodeFieldAndRowAndNeverAStackTrace() {
        HttpResponse<String> malformed = http.postJson("{\"latitude\": ", "Accept-Language", "pt-BR");
        assertEquals(400, malformed.statusCode());
        JsonNode e = Http.json(malformed).get("error");
        assertEquals(List.of("code", "message", "field", "row", "fieldInMessage", "messageKey", "args"), fieldNames(e));
        assertEquals("WEB-4000", e.get("code").asText());
        assertEquals("Não foi possível ler a requisição: não é um JSON válido no formato esperado.",
                e.get("message").asText());
        assertTrue(e.get("field").isNull() && e.get("row").isNull());

        JsonNode missing = error(http.postCsv("longitude=1&elevation=2", "date,tmax,tmin\n2020-01-01,30,20\n"), 400);
        assertEquals("WEB-4001", missing.get("code").asText());
        assertEquals("latitude", missing.get("field").asText());
        assertEquals(bundled().format(EN, "ui.error.required", bundled().format(EN, "field.latitude")),
                missing.get("message").asText());

        JsonNode nan = error(http.postCsv("latitude=abc&elevation=2&lang=pt-BR", "date,tmax,tmin\n2020-01-01,30,20\n"),
                400);
        assertEquals("WEB-4002", nan.get("code").asText());
        assertEquals(bundled().format(PT, "ui.error.not_a_number", bundled().format(PT, "field.latitude")),
                nan.get("message").asText());

        JsonNode range = error(http.postJson(
                "{\"latitude\":95,\"elevation\":1,\"rows\":[{\"date\":\"2020-01-01\",\"tmax\":30,\"tmin\":20}]}"), 400);
        assertEquals("ETO-1001", range.get("code").asText());
        assertEquals("latitude", range.get("field").asText());
        assertTrue(range.get("message").asText().startsWith("Column latitude: "), range.get("message").asText());

        assertEquals("ETO-2006", error(http.postCsv(STATION, "day,tmax,tmin\n1,30,20\n"), 400).get("code").asText());
        assertEquals("ETO-2007",
                error(http.postCsv(STATION, "date,tmax,T2M_MAX,tmin\n2020-01-01,1,2,3\n"), 400).get("code").asText());
        assertEquals("ETO-2002", error(http.postCsv(STATION, "\n\n"), 400).get("code").asText());
        assertEquals("ETO-2010", error(http.postCsv(STATION + "&method=penman",
                "date,tmax,tmin\n2020-01-01,30,20\n"), 400).get("code").asText());
        assertEquals("WEB-4003", error(http.postCsv(STATION + "&step=weekly",
                "date,tmax,tmin\n2020-01-01,30,20\n"), 400).get("code").asText());
        assertEquals("WEB-4040", error(http.get("/api/v1/nothing", null), 404).get("code").asText());
        assertEquals("WEB-4050", error(http.get("/api/v1/calculations", null), 405).get("code").asText());

        JsonNode task = submitCsv(Fixtures.sampleHead(2));
        assertEquals("WEB-4003", error(http.get(task.get("resultUrl").asText() + "?format=xml",
                task.get("token").asText()), 400)
                .get("code").asText());
    }

    @Test
    void limitsAnswer413And415() {
        String big = Fixtures.sampleCsv();   // 83 KB, over the 48 KiB limit
        JsonNode body = error(http.postCsv(STATION, big), 413);
        assertEquals("WEB-4130", body.get("code").asText());
        assertEquals("The data exceed the size the server accepts. Split the file into shorter periods.",
                body.get("message").asText());

        JsonNode rows = error(http.postCsv(STATION, tinyRows(MAX_ROWS + 1)), 413);
        assertEquals("WEB-4131", rows.get("code").asText());
        assertEquals(List.of(MAX_ROWS + 1, MAX_ROWS),
                List.of(rows.get("args").get(0).asInt(), rows.get("args").get(1).asInt()));
        assertEquals(202, http.postCsv(STATION, tinyRows(MAX_ROWS)).statusCode());

        HttpRequest.Builder xml = http.request("/api/v1/calculations").header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofString("<rows/>"));
        assertEquals("WEB-4150", error(http.send(xml), 415).get("code").asText());
        HttpRequest.Builder none = http.request("/api/v1/calculations")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {1, 2}));
        assertEquals("WEB-4150", error(http.send(none), 415).get("code").asText());
        HttpRequest.Builder binary = http.request("/api/v1/calculations?" + STATION).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {(byte) 0xff, (byte) 0xfe, 0, 0x41}));
        assertEquals("WEB-4150", error(http.send(binary), 415).get("code").asText());
    }

    /**
     * A body far over the limit is read and dropped before the 413 goes out, so a client still sending it reads
     * the answer instead of a reset connection (each refusal, declared length or not).
     */
    @Test
    void aRefusedLargeBodyStillGetsItsAnswer() {
        // A valid header (a bad one is refused as soon as it is read) and rows long enough that the byte limit
        // comes before the row limit.
        String huge = "date,tmax,tmin\n"
                + "2024-01-01,30.000000000000000000000000000000000,20\n".repeat(11_000);   // 560 KB
        for (int i = 0; i < 5; i++) {
            assertEquals("WEB-4130", error(http.postCsv(STATION, huge), 413).get("code").asText());
            HttpRequest.Builder streamed = http.request("/api/v1/calculations?" + STATION)
                    .header("Content-Type", "text/csv")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(
                            () -> new java.io.ByteArrayInputStream(huge.getBytes(StandardCharsets.UTF_8))));
            assertEquals("WEB-4130", error(http.send(streamed), 413).get("code").asText());
        }
    }

    @Test
    void aClientOverItsRateGets429WithRetryAfter() {
        try (WebApp limited = WebApp.start(WebAppConfig.defaults().withHttpPort(0).withLimits(MAX_BODY, MAX_ROWS, 3))) {
            Http h = new Http(limited.baseUri());
            for (int i = 0; i < 3; i++) {
                assertEquals(202, h.postCsv(STATION, Fixtures.sampleHead(2)).statusCode());
            }
            HttpResponse<String> r = h.postCsv(STATION, Fixtures.sampleHead(2), "Accept-Language", "pt-BR");
            assertEquals(429, r.statusCode());
            assertTrue(r.headers().firstValue("Retry-After").isPresent());
            JsonNode e = Http.json(r).get("error");
            assertEquals("WEB-4290", e.get("code").asText());
            assertEquals(bundled().format(PT, "ui.error.rate_limited"),
                    e.get("message").asText());
        }
    }

    // ---- running tasks: 409, cancel ----

    @Test
    void theResultIs409WhileRunningAndCancelEndsTheTask() {
        try (WebApp slow = WebApp.start(WebAppConfig.defaults().withHttpPort(0).withDemoDelayPerRowMicros(2000))) {
            Http h = new Http(slow.baseUri());
            JsonNode task = Http.json(h.postCsv(STATION, Fixtures.sampleCsv()));
            String token = task.get("token").asText();
            HttpResponse<String> early = h.get(task.get("resultUrl").asText(), token);
            assertEquals(409, early.statusCode());
            assertEquals("WEB-4090", Http.json(early).get("error").get("code").asText());

            HttpResponse<String> cancel = h.send(h.request(task.get("statusUrl").asText()).DELETE()
                    .header("Authorization", "Bearer " + token));
            assertEquals(202, cancel.statusCode(), cancel.body());
            assertTrue(List.of("requested", "cancelled").contains(Http.json(cancel).get("cancel").asText()));
            Http.awaitEnd(slow, task.get("taskId").asText());
            JsonNode status = Http.json(h.get(task.get("statusUrl").asText(), token));
            assertEquals("cancelled", status.get("state").asText());
            assertEquals("requested", status.get("reason").asText());
            assertEquals(409, h.get(task.get("resultUrl").asText(), token).statusCode());
            HttpResponse<String> again = h.send(h.request(task.get("statusUrl").asText()).DELETE()
                    .header("Authorization", "Bearer " + token));
            assertEquals(409, again.statusCode());
            assertEquals("already_ended", Http.json(again).get("cancel").asText());
        }
    }

    // ---- i18n, static files, WebSocket origin ----

    @Test
    void theBrowserBundleIsServedPerLocaleWithTheAppsOwnTexts() {
        JsonNode pt = Http.json(http.get("/api/v1/i18n/pt-BR", null));
        assertEquals("pt-BR", pt.get("locale").asText());
        assertEquals("Dados obtidos do Projeto POWER do NASA Langley Research Center",
                pt.get("messages").get("webapp.input.sample.credit").asText());
        assertEquals(",", pt.get("formats").get("decimalSeparator").asText());
        assertEquals("en", Http.json(http.get("/api/v1/i18n/fr", null)).get("locale").asText());
        assertEquals("pt-BR", Http.json(http.get("/api/v1/i18n/pt_PT", null)).get("locale").asText());
    }

    @Test
    void thePageAndItsAssetsAreServedWithAStrictContentSecurityPolicy() {
        HttpResponse<String> page = http.get("/", null);
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<script src=\"/app.js\" defer></script>"));
        String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertTrue(csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'"), csp);
        assertEquals(200, http.get("/app.js", null).statusCode());
        assertTrue(http.get("/eto-i18n.js", null).body().contains("EtoI18n"));
        assertTrue(http.get("/samples/balsas-ma-2016-2020.csv", null).body().startsWith("date,T2M_MAX"));
        HttpResponse<String> up = http.get("/../pom.xml", null);
        assertTrue(up.statusCode() == 400 || up.statusCode() == 404, up.statusCode() + " " + up.body());
        assertFalse(up.body().contains("<project"), up.body());
        assertEquals(404, http.get("/org/eto4j/examples/webapp/WebApp.class", null).statusCode());
    }

    @Test
    void theWebSocketRefusesPagesFromOtherOrigins() throws Exception {
        JsonNode task = submitCsv(Fixtures.sampleHead(2));
        URI ws = http.webSocketUri(task.get("websocketUrl").asText());
        try {
            http.client.newWebSocketBuilder().header("Origin", "http://evil.example")
                    .buildAsync(ws, new WebSocket.Listener() { }).get(10, TimeUnit.SECONDS).abort();
            throw new AssertionError("the handshake from another origin was accepted");
        } catch (ExecutionException expected) {
            assertNotNull(expected.getCause());
        }
        WebSocket own = http.client.newWebSocketBuilder().header("Origin", "http://localhost:" + app.httpPort())
                .buildAsync(ws, new WebSocket.Listener() { }).get(10, TimeUnit.SECONDS);
        assertFalse(own.isInputClosed());
        own.abort();
    }

    @Test
    void theWebSocketAcceptsOnlyTheTokenOfItsOwnTask() throws Exception {
        JsonNode a = submitCsv(Fixtures.sampleHead(2));
        JsonNode b = submitCsv(Fixtures.sampleHead(2));
        assertEquals(4403, closeCodeAfterSubscribe(a.get("websocketUrl").asText(), b.get("token").asText()));
        assertEquals(4403, closeCodeAfterSubscribe(a.get("websocketUrl").asText(), "t1.0.forged"));
        Http.awaitEnd(app, a.get("taskId").asText());
        assertEquals(1000, closeCodeAfterSubscribe(a.get("websocketUrl").asText(), a.get("token").asText()),
                "the own token gets the final snapshot, then a normal close");
    }

    private static int closeCodeAfterSubscribe(String url, String token) throws Exception {
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        WebSocket ws = http.client.newWebSocketBuilder().buildAsync(http.webSocketUri(url), new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
                closed.complete(statusCode);
                return null;
            }
        }).get(10, TimeUnit.SECONDS);
        ws.sendText("{\"type\":\"subscribe\",\"token\":\"" + token + "\"}", true);
        int code = closed.get(10, TimeUnit.SECONDS);
        ws.abort();
        return code;
    }

    // ---- helpers ----

    private static Messages bundled() {
        return Messages.bundled();
    }

    private static JsonNode submitCsv(String csv) {
        return submitCsv(STATION, csv);
    }

    private static JsonNode submitCsv(String query, String csv) {
        HttpResponse<String> r = http.postCsv(query, csv);
        assertEquals(202, r.statusCode(), r.body());
        return Http.json(r);
    }

    @Test
    void everyMethodNotAllowedAnswerNamesThatRoutesOwnMethods() {
        JsonNode task = submitCsv(Fixtures.sampleHead(2));
        String token = task.get("token").asText();
        record Refused(String method, String url, String allow) { }
        List<Refused> cases = List.of(
                new Refused("GET", "/api/v1/calculations", "POST"),
                new Refused("DELETE", "/api/v1/calculations", "POST"),
                new Refused("POST", task.get("statusUrl").asText(), "GET, DELETE"),
                new Refused("PUT", task.get("statusUrl").asText(), "GET, DELETE"),
                new Refused("POST", task.get("resultUrl").asText(), "GET"),
                new Refused("DELETE", task.get("resultUrl").asText(), "GET"),
                new Refused("POST", "/api/v1/i18n/en", "GET"));
        for (Refused c : cases) {
            HttpResponse<String> r = http.send(http.request(c.url()).header("Authorization", "Bearer " + token)
                    .method(c.method(), HttpRequest.BodyPublishers.noBody()));
            assertEquals("WEB-4050", error(r, 405).get("code").asText(), c.toString());
            assertEquals(c.allow(), r.headers().firstValue("Allow").orElse(null), c.toString());
        }
    }

    private static JsonNode error(HttpResponse<String> r, int status) {
        assertEquals(status, r.statusCode(), r.body());
        assertFalse(r.body().contains("Exception") || r.body().contains("\tat ") || r.body().contains("org.eto4j."),
                "no stack trace or class names: " + r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
        return Http.json(r).get("error");
    }

    private static String tinyRows(int n) {
        StringBuilder sb = new StringBuilder("date,tmax,tmin\n");
        LocalDate d = LocalDate.of(2000, 1, 1);
        for (int i = 0; i < n; i++) {
            sb.append(d.plusDays(i)).append(",30,20\n");
        }
        return sb.toString();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
