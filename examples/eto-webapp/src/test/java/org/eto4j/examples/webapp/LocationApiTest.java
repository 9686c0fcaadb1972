package org.eto4j.examples.webapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.eto4j.progress.TaskId;
import org.eto4j.sources.EtoTask;
import org.eto4j.sources.SourceId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The "by location" mode over real loopback HTTP, against a local server that answers as NASA POWER does. */
class LocationApiTest {
    static FakeWeatherService power;
    static WebApp app;
    static Http http;

    @BeforeAll
    static void start() {
        power = new FakeWeatherService();
        app = WebApp.start(WebAppConfig.defaults().withHttpPort(0).withLimits(48 * 1024, 1000, 10_000)
                .withSourcesBaseUrl(power.baseUrl()));
        http = new Http(app.baseUri());
    }

    @AfterAll
    static void stop() {
        app.close();
        power.close();
    }

    static String body(double latitude, String start, String end, String source) {
        return "{\"mode\":\"location\",\"latitude\":" + latitude + ",\"longitude\":-47.63,\"start\":\"" + start
                + "\",\"end\":\"" + end + "\",\"source\":\"" + source + "\"}";
    }

    @Test
    void aLocationRunsEtoSourcesTaskThroughItsStagesAndGivesTheDaysWithEtoAndFlags() {
        HttpResponse<String> r = http.postJson(body(-22.71, "2023-01-01", "2023-01-05", "nasa-power"));
        assertEquals(202, r.statusCode(), r.body());
        JsonNode task = Http.json(r);
        List<String> fields = new ArrayList<>();
        task.fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("taskId", "token", "websocketUrl", "eventsUrl", "statusUrl", "resultUrl"), fields);
        String id = task.get("taskId").asText();
        String token = task.get("token").asText();

        Http.awaitEnd(app, id);
        JsonNode status = Http.json(http.get(task.get("statusUrl").asText(), token));
        assertEquals("succeeded", status.get("state").asText(), status.toString());
        assertEquals(EtoTask.TYPE, app.engine().find(TaskId.of(id)).orElseThrow().type());
        assertEquals(5, status.get("result").get("days").asInt());

        JsonNode result = Http.json(http.get(task.get("resultUrl").asText() + "?format=json", token));
        JsonNode rows = result.get("rows");
        assertEquals(5, rows.size(), result.toString());
        assertEquals("2023-01-01", rows.get(0).get("date").asText());
        assertEquals("2023-01-05", rows.get(4).get("date").asText());
        double total = 0;
        for (JsonNode row : rows) {
            double eto = row.get("eto").asDouble();
            assertTrue(eto > 1 && eto < 10, row.toString());   // a southern-summer day in São Paulo state
            assertTrue(row.get("flags").isArray());
            total += eto;
        }
        // POWER's Rs is missing on 2 to 4 January (a 3-day gap, longer than the fill limit): FAO-56 estimates it.
        assertTrue(rows.get(1).get("flags").toString().contains("rs_from_temperature_range"), rows.toString());
        assertFalse(rows.get(0).get("flags").toString().contains("rs_from_temperature_range"), rows.toString());
        assertEquals(total, result.get("summary").get("total").asDouble(), 1e-9);
        assertEquals(546.79, result.get("station").get("elevation").asDouble(), 1e-9);
        assertEquals("nasa-power", result.get("source").asText());
        assertEquals(SourceId.NASA_POWER.attribution(), result.get("attribution").asText());

        String csv = http.get(task.get("resultUrl").asText() + "?format=csv", token).body();
        assertEquals(1 + 5, csv.strip().split("\n").length, csv);
        // One source: no interval, in the JSON rows or the CSV.
        assertFalse(rows.get(0).has("etoP05"), rows.toString());
        assertFalse(csv.contains("eto_p05"), csv);
    }

    @Test
    void theFusedEstimateGivesEachDayWithItsIntervalFlagsBothAttributionsAndTheCsvColumns() {
        String body = "{\"mode\":\"location\",\"latitude\":-7.53,\"longitude\":-46.04,\"elevation\":256,"
                + "\"start\":\"2023-01-01\",\"end\":\"2023-01-03\",\"source\":\"fused\"}";
        HttpResponse<String> r = http.postJson(body);
        assertEquals(202, r.statusCode(), r.body());
        JsonNode task = Http.json(r);
        String id = task.get("taskId").asText();
        String token = task.get("token").asText();
        Http.awaitEnd(app, id);
        JsonNode status = Http.json(http.get(task.get("statusUrl").asText(), token));
        assertEquals("succeeded", status.get("state").asText(), status.toString());
        assertEquals(EtoTask.TYPE, app.engine().find(TaskId.of(id)).orElseThrow().type());

        JsonNode result = Http.json(http.get(task.get("resultUrl").asText() + "?format=json", token));
        assertEquals("fused", result.get("source").asText());
        String attribution = result.get("attribution").asText();
        assertTrue(attribution.contains(SourceId.NASA_POWER.attribution()), attribution);
        assertTrue(attribution.contains(SourceId.OPEN_METEO_ARCHIVE.attribution()), attribution);
        assertEquals(256, result.get("station").get("elevation").asDouble(), 1e-9);
        JsonNode rows = result.get("rows");
        assertTrue(rows.size() >= 2 && rows.size() <= 3, result.toString());
        assertEquals("2023-01-01", rows.get(0).get("date").asText());
        double total = 0;
        for (JsonNode row : rows) {
            double eto = row.get("eto").asDouble();
            assertTrue(eto > 1 && eto < 10, row.toString());
            assertTrue(row.get("etoP05").asDouble() <= eto && eto <= row.get("etoP95").asDouble(), row.toString());
            assertTrue(row.get("etoP05").asDouble() < row.get("etoP95").asDouble(), row.toString());
            total += eto;
        }
        // Both sources complete on 1 January: bias-corrected only. POWER has no radiation on the 2nd: the day
        // rests on Open-Meteo alone and says so.
        assertEquals("[\"corrected\"]", rows.get(0).get("flags").toString(), rows.toString());
        assertTrue(rows.get(1).get("flags").toString().contains("source_missing"), rows.toString());
        assertEquals(total, result.get("summary").get("total").asDouble(), 1e-9);

        String csv = http.get(task.get("resultUrl").asText() + "?format=csv", token).body();
        String[] lines = csv.strip().split("\r\n");
        assertEquals(1 + rows.size(), lines.length, csv);
        assertEquals("date,eto_mm_day,eto_p05,eto_p95,flags", lines[0].replace("\uFEFF", ""), csv);
        String[] first = lines[1].split(",");
        assertEquals(rows.get(0).get("etoP05").asDouble(), Double.parseDouble(first[2]), 1e-4);
        assertEquals(rows.get(0).get("etoP95").asDouble(), Double.parseDouble(first[3]), 1e-4);
        assertEquals("corrected", first[4]);
        // The Portuguese dialect: semicolons and a decimal comma for the interval as for ETo.
        String pt = http.get(task.get("resultUrl").asText() + "?format=csv&lang=pt-BR", token).body();
        String[] ptFirst = pt.strip().split("\r\n")[1].split(";");
        assertEquals(5, ptFirst.length, pt);
        assertTrue(ptFirst[2].contains(",") && ptFirst[3].contains(","), pt);
    }

    @Test
    void aPointOutsideTheCalibrationsRegionIsRefusedWithTheFusionCodeInBothLanguages() {
        String body = "{\"mode\":\"location\",\"latitude\":-22.7,\"longitude\":-47.6,"
                + "\"start\":\"2023-01-01\",\"end\":\"2023-01-03\",\"source\":\"fused\"}";
        int before = power.requests.get();
        HttpResponse<String> en = http.postJson(body, "Accept-Language", "en");
        assertEquals(400, en.statusCode(), en.body());
        JsonNode e = Http.json(en).get("error");
        assertEquals("FUS-2004", e.get("code").asText());
        assertEquals("error.fusion.outside_calibration_domain", e.get("messageKey").asText(), e.toString());
        assertTrue(e.get("message").asText().contains("matopiba"), e.toString());
        assertTrue(e.get("message").asText().startsWith("The station at"), e.toString());
        assertFalse(en.body().contains("Exception"));

        HttpResponse<String> pt = http.postJson(body, "Accept-Language", "pt-BR");
        assertEquals(400, pt.statusCode(), pt.body());
        assertTrue(Http.json(pt).get("error").get("message").asText().startsWith("A estação em"), pt.body());
        // Refused before anything was downloaded.
        assertEquals(before, power.requests.get());
    }

    @Test
    void aFailingServiceFailsTheTaskWithItsCodeAndALocalisedMessage() {
        JsonNode task = Http.json(http.postJson(body(10.0, "2023-01-01", "2023-01-05", "nasa-power")));
        String id = task.get("taskId").asText();
        Http.awaitEnd(app, id);
        JsonNode status = Http.json(http.get(task.get("statusUrl").asText(), task.get("token").asText()));
        assertEquals("failed", status.get("state").asText());
        assertEquals("SRC-3002", status.get("error").get("code").asText());
        assertEquals("error.sources.service_error", status.get("error").get("messageKey").asText());

        HttpResponse<String> r = http.get(task.get("resultUrl").asText() + "?lang=pt-BR", task.get("token").asText());
        assertEquals(502, r.statusCode());
        JsonNode error = Http.json(r).get("error");
        assertEquals("SRC-3002", error.get("code").asText());
        assertTrue(error.get("message").asText().startsWith("O serviço meteorológico nasa-power"), error.toString());
        assertTrue(error.get("message").asText().contains("422"), error.toString());
        assertFalse(r.body().contains("Exception"));
    }

    @Test
    void badRequestsAreRefusedAtOnceWithLocalisedErrorsNamingTheField() {
        HttpResponse<String> tooLong = http.postJson(body(-22.71, "2000-01-01", "2023-01-05", "nasa-power"),
                "Accept-Language", "pt-BR");
        assertEquals(400, tooLong.statusCode());
        JsonNode e = Http.json(tooLong).get("error");
        assertEquals("WEB-4004", e.get("code").asText());
        assertEquals("end", e.get("field").asText());
        assertTrue(e.get("message").asText().contains("3.660"), e.toString());

        JsonNode unknown = Http.json(http.postJson(body(-22.71, "2023-01-01", "2023-01-05", "weather-club")))
                .get("error");
        assertEquals("WEB-4003", unknown.get("code").asText());
        assertEquals("source", unknown.get("field").asText());

        JsonNode reversed = Http.json(http.postJson(body(-22.71, "2023-01-05", "2023-01-01", "nasa-power")))
                .get("error");
        assertEquals("WEB-4003", reversed.get("code").asText());

        HttpResponse<String> offEarth = http.postJson(body(95, "2023-01-01", "2023-01-05", "nasa-power"),
                "Accept-Language", "en");
        assertEquals(400, offEarth.statusCode(), offEarth.body());
        JsonNode bad = Http.json(offEarth).get("error");
        assertEquals("SRC-3007", bad.get("code").asText());
        assertEquals("latitude", bad.get("field").asText());
        assertEquals("The value 95 of Latitude is not valid for a weather request.", bad.get("message").asText());
        assertFalse(offEarth.body().contains("Exception"));

        JsonNode missing = Http.json(http.postJson("{\"mode\":\"location\",\"longitude\":1,\"start\":\"2023-01-01\","
                + "\"end\":\"2023-01-02\",\"source\":\"nasa-power\"}")).get("error");
        assertEquals("WEB-4001", missing.get("code").asText());
        assertEquals("latitude", missing.get("field").asText());
    }
}
