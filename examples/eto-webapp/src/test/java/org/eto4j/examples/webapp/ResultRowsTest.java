package org.eto4j.examples.webapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eto4j.core.Station;
import org.junit.jupiter.api.Test;

class ResultRowsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void columnsGiveBackEveryRowEqualToTheRecordItWasMadeFrom() {
        List<Outcome.Row> daily = new ArrayList<>();
        LocalDate d = LocalDate.of(1999, 12, 30);
        for (int i = 0; i < 40; i++, d = d.plusDays(1)) {
            daily.add(new Outcome.Row(d.toString(), 1, 3.0 + i / 7.0, i % 5));
        }
        List<Outcome.Row> monthly = List.of(new Outcome.Row("2016-01", 31, 4.5, 0),
                new Outcome.Row("2016-02", 29, -0.0, 3), new Outcome.Row("0999-12", 31, Double.NaN, 1L << 40));
        List<Outcome.Row> fused = List.of(new Outcome.Row("2020-01-01", 1, 4.1, 0, 3.2, 5.0, 1),
                new Outcome.Row("2020-01-02", 1, Double.NaN, 0, Double.NaN, Double.NaN, 8));
        List<Outcome.Row> odd = List.of(new Outcome.Row("2020-01-01", 2, 4.1, 0),      // days not the period's own
                new Outcome.Row("2020-1-2", 1, 4.2, 0),                                        // not ISO
                new Outcome.Row("2020-01-03", 1, 4.3, 0, null, 4.0, null));                    // half an interval
        for (List<Outcome.Row> rows : List.of(daily, monthly, fused, odd, List.<Outcome.Row>of())) {
            ResultRows table = ResultRows.of(rows);
            assertEquals(rows, table);
            assertEquals(rows, new ArrayList<>(table));
            for (int i = 0; i < rows.size(); i++) {
                assertEquals(rows.get(i).period(), table.appendPeriod(new StringBuilder(), i).toString());
                assertEquals(rows.get(i).days(), table.days(i));
            }
            assertSame(table, ResultRows.of(table));
        }
    }

    @Test
    void theTasksBuilderMakesTheSameRowsAsRecords() {
        ResultRows.Builder days = ResultRows.daily(1);
        ResultRows.Builder months = ResultRows.monthly(0);
        List<Outcome.Row> dayRecords = new ArrayList<>();
        List<Outcome.Row> monthRecords = new ArrayList<>();
        LocalDate d = LocalDate.of(2015, 12, 25);
        YearMonth m = YearMonth.of(2015, 11);
        for (int i = 0; i < 500; i++, d = d.plusDays(1), m = m.plusMonths(1)) {
            days.add(d, i * 0.013, i);
            dayRecords.add(new Outcome.Row(d.toString(), 1, i * 0.013, i));
            months.add(m, i * 0.5, 2);
            monthRecords.add(new Outcome.Row(m.toString(), m.lengthOfMonth(), i * 0.5, 2));
        }
        assertEquals(dayRecords, days.build());
        assertEquals(monthRecords, months.build());
        assertThrows(IndexOutOfBoundsException.class, () -> days.build().eto(500));
        assertThrows(UnsupportedOperationException.class, () -> days.build().add(dayRecords.get(0)));
    }

    @Test
    void anOutcomeReadBackFromJsonHasTheSameRowsAndTheSameCsv() throws Exception {
        ResultRows.Builder b = ResultRows.daily(3);
        b.add(LocalDate.of(2016, 1, 1), 4.12345, 0).add(LocalDate.of(2016, 1, 2), 3.88025, 5)
                .add(LocalDate.of(2016, 1, 3), 0.0, 1);
        ResultRows rows = b.build();
        Outcome o = Outcome.of("=cmd", Station.of(-7.5, 256), "fao56", "daily", rows,
                new Outcome.Summary(3, 3, 8.0, 2.67, 4.12345, 0.0, "2016-01-01", "2016-01-03"));
        Object stored = JSON.readValue(JSON.writeValueAsString(o), Map.class);   // as a durable store keeps it
        Outcome back = Outcome.from(stored, JSON);
        assertEquals(o, back);
        for (Locale locale : List.of(Locale.ENGLISH, Locale.forLanguageTag("pt-BR"))) {
            assertEquals(ResultWriter.csv(o, locale), ResultWriter.csv(back, locale));
        }
        for (Locale locale : List.of(Locale.ENGLISH, Locale.forLanguageTag("pt-BR"))) {
            assertEquals(ResultWriter.csv(o, locale), new String(ResultWriter.csvBytes(o, locale),
                    java.nio.charset.StandardCharsets.UTF_8), "the bytes sent are the CSV's");
        }
        String csv = ResultWriter.csv(o, Locale.ENGLISH);
        assertTrue(csv.contains("'=cmd,2016-01-02,3.8803,"), csv);
    }
}
