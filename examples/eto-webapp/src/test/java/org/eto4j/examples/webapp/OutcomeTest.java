package org.eto4j.examples.webapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.eto4j.core.ErrorCode;
import org.eto4j.core.EstimateFlag;
import org.eto4j.core.Station;
import org.eto4j.progress.TaskError;
import org.junit.jupiter.api.Test;

/** The result as a durable store keeps it: JSON out, maps back, the same outcome. */
class OutcomeTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static Outcome sample() {
        List<Outcome.Row> rows = List.of(
                new Outcome.Row("2016-01-01", 1, 4.203348179478808, 0),
                new Outcome.Row("2016-01-02", 1, 5.1, EstimateFlag.toMask(List.of(EstimateFlag.values()[0]))));
        Outcome.Summary summary = new Outcome.Summary(2, 2, 9.303348179478808, 4.651674089739404, 5.1,
                4.203348179478808, "2016-01-01", "2016-01-02");
        return Outcome.of("Balsas (MA)", Station.of(-7.5312, 256), "fao56", "daily", rows, summary);
    }

    @Test
    void theSummaryComesFirstAtTheTopLevelThenTheStationAndRows() throws Exception {
        JsonNode json = JSON.valueToTree(sample());
        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("periods", "days", "total", "mean", "max", "min", "from", "to", "name", "station",
                "method", "step", "source", "attribution", "rows"), names);
        assertTrue(json.get("station").get("longitude").isNull(), "no longitude is null, not NaN");
    }

    @Test
    void anOutcomeReadBackAsMapsEqualsTheOriginal() throws Exception {
        Outcome original = sample().withSource("nasa-power", "NASA POWER");
        // What a durable store does: write JSON, read it back as plain maps and lists.
        Object maps = JSON.readValue(JSON.writeValueAsString(original), Object.class);
        assertEquals(original, Outcome.from(maps, JSON));
        assertSame(original, Outcome.from(original, JSON), "the memory store keeps the record itself");
        assertEquals(original.summary(), Outcome.from(maps, JSON).summary());
    }

    @Test
    void aFusedOutcomesIntervalAndFlagsSurviveTheStoreAndReachJsonAndCsv() throws Exception {
        int corrected = org.eto4j.fusion.FusionFlag.toMask(List.of(org.eto4j.fusion.FusionFlag.CORRECTED,
                org.eto4j.fusion.FusionFlag.SOURCE_MISSING));
        List<Outcome.Row> rows = List.of(new Outcome.Row("2023-01-01", 1, 4.5, 0, 3.75, 5.25, corrected));
        Outcome fused = Outcome.of("", Station.of(-7.53, -46.04, 256), "fao56", "daily", rows,
                new Outcome.Summary(1, 1, 4.5, 4.5, 4.5, 4.5, "2023-01-01", "2023-01-01"))
                .withSource("fused", "NASA POWER · Open-Meteo");
        Object maps = JSON.readValue(JSON.writeValueAsString(fused), Object.class);
        assertEquals(fused, Outcome.from(maps, JSON));
        // A result stored before intervals existed reads back without one.
        Object old = JSON.readValue(JSON.writeValueAsString(sample()).replace(",\"etoP05\":null", "")
                .replace(",\"etoP95\":null", "").replace(",\"fusion\":null", ""), Object.class);
        assertEquals(sample(), Outcome.from(old, JSON));

        JsonNode row = JSON.valueToTree(ResultWriter.json(org.eto4j.progress.TaskId.of("t"), fused)).get("rows").get(0);
        assertEquals("{\"date\":\"2023-01-01\",\"eto\":4.5,\"etoP05\":3.75,\"etoP95\":5.25,"
                + "\"flags\":[\"corrected\",\"source_missing\"]}", row.toString());
        assertEquals("\uFEFFdate,eto_mm_day,eto_p05,eto_p95,flags\r\n2023-01-01,4.5000,3.7500,5.2500,"
                + "corrected|source_missing\r\n", ResultWriter.csv(fused, java.util.Locale.ENGLISH));
        // Without an interval (here a named station's upload): no interval columns.
        assertTrue(ResultWriter.csv(sample(), java.util.Locale.ENGLISH)
                .startsWith("\uFEFFstation,date,eto_mm_day,flags\r\n"));
    }

    @Test
    void anInputErrorKeepsItsFieldAndRowThroughTheTaskError() {
        // As CalculationTask fails: eto-core's code, key and arguments, the field and the zero-based row.
        TaskError stored = new TaskError(ErrorCode.MALFORMED_NUMBER.code(), "error.malformed_number",
                List.of("tmin", "abc"), false, "tmin", 1);
        ApiException e = CalculationTask.invalidInput(stored);
        assertEquals(422, e.status());
        assertEquals(List.of("tmin", "abc"), e.args());
        assertEquals("tmin", e.field());
        assertEquals(1, e.row());
        ApiException noPlace = CalculationTask.invalidInput(new TaskError("ETO-1001", "error.x", List.of(), false));
        assertEquals(List.of(), noPlace.args());
        assertEquals(null, noPlace.field());
        assertEquals(-1, noPlace.row());
    }
}
