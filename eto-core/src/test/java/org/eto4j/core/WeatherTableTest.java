package org.eto4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class WeatherTableTest {
    private static final List<String> NASA_POWER_DAILY =
            List.of("YEAR", "DATE", "T2M_MAX", "T2M_MIN", "T2M", "RH2M", "WS2M", "ALLSKY_SFC_SW_DWN", "T2MDEW",
                    "PRECTOTCORR");

    private static EtoException error(Executable call) {
        return assertThrows(EtoException.class, call);
    }

    // ---- header ------------------------------------------------------------------------------------------

    @Test
    void namesAreCaseInsensitiveTrimmedInAnyOrderAndUnknownColumnsAreIgnored() {
        WeatherTable t = WeatherTable.bind(WeatherTable.Step.DAILY, List.of(" TMIN ", "Date", "note", "tmax", "Rs"));
        assertEquals(1, t.indexOf("date"));
        assertEquals(3, t.indexOf("tmax"));
        assertEquals(0, t.indexOf("tmin"));
        assertEquals(4, t.indexOf("rs"));
        assertEquals(-1, t.indexOf("note"));
        assertFalse(t.has("u2"));
        assertEquals(5, t.width());
        assertEquals(WeatherTable.Step.DAILY, t.step());
    }

    @Test
    void nasaPowerNamesAreAliasesOfTheCanonicalColumns() {
        WeatherTable t = WeatherTable.bind(WeatherTable.Step.DAILY, NASA_POWER_DAILY);
        assertEquals(1, t.indexOf("date"));
        assertEquals(2, t.indexOf("tmax"));
        assertEquals(3, t.indexOf("tmin"));
        assertEquals(4, t.indexOf("tmean"));
        assertEquals(5, t.indexOf("rh_mean"));
        assertEquals(6, t.indexOf("u2"));
        assertEquals(7, t.indexOf("rs"));
        assertEquals(8, t.indexOf("tdew"));

        WeatherTable h = WeatherTable.bind(WeatherTable.Step.HOURLY,
                List.of("datetime", "T2M", "RH2M", "WS10M", "ALLSKY_SFC_SW_DWN", "T2MDEW", "tmax"));
        assertEquals(1, h.indexOf("t"));
        assertEquals(2, h.indexOf("rh"));
        assertEquals(3, h.indexOf("ws10m"));
        assertEquals(4, h.indexOf("rs"));
        assertEquals(5, h.indexOf("tdew"));
        assertEquals(-1, h.indexOf("tmax"), "a daily name means nothing in an hourly table");
        assertEquals("t", WeatherTable.Step.HOURLY.aliases().get("t2m"));
        assertEquals("tmean", WeatherTable.Step.DAILY.aliases().get("t2m"));
    }

    @Test
    void ws10mSetsTheWindHeightAndFeedsTheWindSpeed() {
        WeatherTable t = WeatherTable.bind(WeatherTable.Step.DAILY, List.of("date", "tmax", "tmin", "WS10M"));
        Station station = Station.of(-7.5, 256);
        assertEquals(10.0, t.site(station).windHeightMetres());
        assertEquals(2.0, station.windHeightMetres());
        DailyWeather d = t.dailyRow(List.of("2020-01-01", "30", "20", "3.5"), 0);
        assertEquals(3.5, d.windSpeed());
        assertTrue(Double.isNaN(d.u2()));

        WeatherTable plain = WeatherTable.bind(WeatherTable.Step.DAILY, List.of("date", "uz"));
        assertSame(station, plain.site(station));
        assertEquals(4.0, plain.dailyRow(List.of("2020-01-01", "4"), 0).windSpeed());
    }

    @Test
    void aNameGivenTwiceAliasesIncludedIsADuplicateColumn() {
        EtoException e = error(() -> WeatherTable.bind(WeatherTable.Step.DAILY, List.of("date", "tmax", "T2M_MAX")));
        assertEquals(ErrorCode.DUPLICATE_COLUMN, e.code());
        assertEquals("tmax", e.field().orElseThrow());
        assertEquals(List.of("tmax"), e.args());
        assertTrue(e.row().isEmpty());

        assertEquals("date", error(() -> WeatherTable.bind(WeatherTable.Step.DAILY, List.of("date", "DATE")))
                .field().orElseThrow());
        EtoException wind = error(() -> WeatherTable.bind(WeatherTable.Step.DAILY, List.of("date", "u2", "ws10m")));
        assertEquals(ErrorCode.DUPLICATE_COLUMN, wind.code());
        assertEquals("uz", wind.field().orElseThrow());
        assertEquals(ErrorCode.DUPLICATE_COLUMN,
                error(() -> WeatherTable.bind(WeatherTable.Step.HOURLY, List.of("datetime", "uz", "WS10M"))).code());
    }

    @Test
    void aMissingTimeColumnOrRequiredColumnIsAMissingColumn() {
        EtoException e = error(() -> WeatherTable.bind(WeatherTable.Step.DAILY, List.of("tmax", "tmin")));
        assertEquals(ErrorCode.MISSING_COLUMN, e.code());
        assertEquals("date", e.field().orElseThrow());
        assertEquals(List.of("date"), e.args());
        assertEquals("month", error(() -> WeatherTable.bind(WeatherTable.Step.MONTHLY, List.of("date", "tmax")))
                .field().orElseThrow());
        assertEquals("datetime", error(() -> WeatherTable.bind(WeatherTable.Step.HOURLY, List.of("date", "t")))
                .field().orElseThrow());

        WeatherTable t = WeatherTable.bind(WeatherTable.Step.DAILY, List.of("date", "tmax"));
        EtoException tmin = error(() -> t.requireColumns("tmax", "tmin"));
        assertEquals(ErrorCode.MISSING_COLUMN, tmin.code());
        assertEquals("tmin", tmin.field().orElseThrow());
        assertSame(t, t.requireColumns("date", "tmax"));
    }

    @Test
    void aFirstLineOfDataIsAMissingHeader() {
        assertEquals(ErrorCode.MISSING_HEADER,
                error(() -> WeatherTable.bind(WeatherTable.Step.DAILY, List.of("2020-01-01", "30", "20"))).code());
        assertEquals(ErrorCode.MISSING_HEADER,
                error(() -> WeatherTable.bind(WeatherTable.Step.DAILY, List.of("-3.5", "30"))).code());
        // Words that name nothing are a header without the time column, not data.
        assertEquals(ErrorCode.MISSING_COLUMN,
                error(() -> WeatherTable.bind(WeatherTable.Step.DAILY, List.of("station", "value"))).code());
        // One known column makes it a header, whatever the first cell looks like.
        assertEquals(ErrorCode.MISSING_COLUMN,
                error(() -> WeatherTable.bind(WeatherTable.Step.DAILY, List.of("1", "tmax"))).code());
    }

    // ---- cells -------------------------------------------------------------------------------------------

    @Test
    void emptyNaNullAndTheNasaPowerFillValueAreAbsent() {
        WeatherTable t = WeatherTable.bind(WeatherTable.Step.DAILY,
                List.of("date", "tmax", "tmin", "tmean", "rh_max", "rh_min", "rs"));
        DailyWeather d = t.dailyRow(List.of("2020-01-01", "30", "", "NA", "nan", "NULL", "-999"), 4);
        assertEquals(30.0, d.tmax());
        for (double v : new double[] {d.tmin(), d.tmean(), d.rhMax(), d.rhMin(), d.rs(), d.rhMean(), d.ea()}) {
            assertTrue(Double.isNaN(v));
        }
        assertEquals(-999.0, WeatherTable.NASA_POWER_FILL_VALUE);
        assertTrue(Double.isNaN(WeatherTable.parseNumber("-999.0", "rs", 0)));
        assertEquals(-999.5, WeatherTable.parseNumber("-999.5", "tmin", 0));
    }

    @Test
    void aDecimalCommaReadsAsAPointWhenUnambiguous() {
        assertEquals(30.5, WeatherTable.parseNumber("30,5", "tmax", 0));
        assertEquals(-0.25, WeatherTable.parseNumber("-0,25", "tmax", 0));
        EtoException e = error(() -> WeatherTable.parseNumber("1,000.5", "tmax", 3));
        assertEquals(ErrorCode.MALFORMED_NUMBER, e.code());
    }

    @Test
    void aBadNumberNamesTheColumnTheRowAndTheText() {
        WeatherTable t = WeatherTable.bind(WeatherTable.Step.DAILY, List.of("date", "T2M_MAX", "tmin", "rs"));
        EtoException e = error(() -> t.dailyRow(List.of("2020-01-01", "hot", "x", "1"), 7));
        assertEquals(ErrorCode.MALFORMED_NUMBER, e.code());
        assertEquals("tmax", e.field().orElseThrow(), "the canonical name, and the first bad cell in column order");
        assertEquals(7, e.row().orElseThrow());
        assertEquals(List.of("tmax", "hot"), e.args());
        for (String infinite : List.of("Infinity", "-Infinity", "1e400")) {
            assertEquals(ErrorCode.MALFORMED_NUMBER,
                    error(() -> t.dailyRow(List.of("2020-01-01", "1", "0", infinite), 0)).code(), infinite);
        }
        WeatherTable wind = WeatherTable.bind(WeatherTable.Step.MONTHLY, List.of("month", "WS10M"));
        EtoException w = error(() -> wind.monthlyRow(List.of("2020-01", "calm"), 2));
        assertEquals("ws10m", w.field().orElseThrow(), "named as the header gave it");
    }

    @Test
    void badTimeStampsAreMalformedDatesWithTheExpectedPattern() {
        WeatherTable d = WeatherTable.bind(WeatherTable.Step.DAILY, List.of("date", "tmax"));
        EtoException e = error(() -> d.dailyRow(List.of("2020-02-30", "1"), 5));
        assertEquals(ErrorCode.MALFORMED_DATE, e.code());
        assertEquals("date", e.field().orElseThrow());
        assertEquals(5, e.row().orElseThrow());
        assertEquals(List.of("date", "2020-02-30", "yyyy-MM-dd"), e.args());

        WeatherTable m = WeatherTable.bind(WeatherTable.Step.MONTHLY, List.of("month", "tmax"));
        assertEquals(List.of("month", "2020-13", "yyyy-MM"),
                error(() -> m.monthlyRow(List.of("2020-13", "1"), 0)).args());

        WeatherTable h = WeatherTable.bind(WeatherTable.Step.HOURLY, List.of("datetime", "t"));
        assertEquals(List.of("datetime", "1998-10-01T14:00", "yyyy-MM-ddTHH:mm±hh:mm"),
                error(() -> h.hourlyRow(List.of("1998-10-01T14:00", "1"), 0)).args(), "the offset is required");
    }

    @Test
    void aRowWithMoreOrFewerCellsThanTheHeaderIsAWrongCellCount() {
        WeatherTable t = WeatherTable.bind(WeatherTable.Step.DAILY, List.of("date", "tmax", "tmin"));
        EtoException e = error(() -> t.dailyRow(List.of("2020-01-01", "1"), 9));
        assertEquals(ErrorCode.WRONG_CELL_COUNT, e.code());
        assertEquals(9, e.row().orElseThrow());
        assertTrue(e.field().isEmpty());
        assertEquals(List.of(2, 3), e.args());
        assertEquals(ErrorCode.WRONG_CELL_COUNT,
                error(() -> t.date(List.of("2020-01-01", "1", "2", "3"), 0)).code(), "checked before the date");
        assertEquals("2020-01-01", t.timeText(List.of("2020-01-01")));
        WeatherTable late = WeatherTable.bind(WeatherTable.Step.DAILY, List.of("tmax", "date"));
        assertEquals("", late.timeText(List.of("1")));
    }

    @Test
    void rowsBecomeRecordsOfEachStep() {
        WeatherTable d = WeatherTable.bind(WeatherTable.Step.DAILY, WeatherTable.Step.DAILY.columns());
        DailyWeather day = d.dailyRow(List.of("2024-07-05", "21.5", "12.3", "16", "84", "63", "70", "10", "1.4",
                "2.78", "2.1", "22", "9.25"), 0);
        assertEquals(new DailyWeather(LocalDate.of(2024, 7, 5), 21.5, 12.3, 16, 84, 63, 70, 10, 1.4, 2.78, 2.1, 22,
                9.25), day);

        WeatherTable m = WeatherTable.bind(WeatherTable.Step.MONTHLY, List.of("month", "tmax", "tmin", "u2"));
        assertEquals(MonthlyWeather.builder(YearMonth.of(1998, 4)).tmax(25.1).tmin(19.1).u2(2).build(),
                m.monthlyRow(List.of("1998-04", "25.1", "19.1", "2"), 0));

        WeatherTable h = WeatherTable.bind(WeatherTable.Step.HOURLY, WeatherTable.Step.HOURLY.columns());
        OffsetDateTime time = OffsetDateTime.parse("1998-10-01T14:00-01:00");
        assertEquals(new HourlyWeather(time, 38, 52, Double.NaN, 3.402, 3.3, Double.NaN, 2.45),
                h.hourlyRow(List.of("1998-10-01T14:00-01:00", "38", "52", "", "3.402", "3.3", "NA", "2.45"), 0));
    }

    @Test
    void aRowOfTheWrongStepIsAProgrammingErrorNamedAsAnOption() {
        WeatherTable m = WeatherTable.bind(WeatherTable.Step.MONTHLY, List.of("month"));
        EtoException e = error(() -> m.dailyRow(List.of("2020-01"), 0));
        assertEquals(ErrorCode.INVALID_OPTION, e.code());
        assertEquals("step", e.field().orElseThrow());
        assertEquals(ErrorCode.INVALID_OPTION, error(() -> m.hourlyRow(List.of("2020-01"), 0)).code());
        assertEquals(ErrorCode.INVALID_OPTION, error(() -> m.dailyChunk(10)).code());
    }

    // ---- time order --------------------------------------------------------------------------------------

    @Test
    void timeStampsMustIncreaseStrictly() {
        WeatherTable t = WeatherTable.bind(WeatherTable.Step.DAILY, List.of("date"));
        WeatherTable.TimeOrder<LocalDate> order = t.timeOrder();
        order.next(LocalDate.of(2020, 1, 1), 0);
        order.next(LocalDate.of(2020, 1, 2), 1);
        EtoException dup = error(() -> order.next(LocalDate.of(2020, 1, 2), 2));
        assertEquals(ErrorCode.DUPLICATE_TIMESTAMP, dup.code());
        assertEquals("date", dup.field().orElseThrow());
        assertEquals(2, dup.row().orElseThrow());
        assertEquals(List.of("date", "2020-01-02", 2), dup.args(), "the first occurrence counted from 1");
        EtoException back = error(() -> order.next(LocalDate.of(2019, 12, 31), 3));
        assertEquals(ErrorCode.TIMESTAMP_OUT_OF_ORDER, back.code());
        assertEquals(List.of("date", "2019-12-31"), back.args());
        order.next(LocalDate.of(2020, 1, 3), 4);

        WeatherTable.TimeOrder<String> months =
                WeatherTable.bind(WeatherTable.Step.MONTHLY, List.of("month")).timeOrder();
        months.next("2020-01", 0);
        assertEquals("month", error(() -> months.next("2020-01", 1)).field().orElseThrow());
    }

    // ---- daily chunks ------------------------------------------------------------------------------------

    @Test
    void aChunkHoldsRowsAsBatchColumnsThatComputeAsTheRecordsDo() {
        WeatherTable t = WeatherTable.bind(WeatherTable.Step.DAILY, NASA_POWER_DAILY);
        List<List<String>> rows = List.of(
                List.of("2020", "2020-07-01", "31.2", "18.4", "24.1", "55", "2.1", "24.5", "12.0", "0"),
                List.of("2020", "2020-07-02", "30.8", "17.9", "-999", "58", "1.9", "-999", "12.4", "0"),
                List.of("2020", "2020-07-03", "29.9", "17.7", "23.2", "61", "", "22.0", "", "3.1"));
        WeatherTable.DailyChunk chunk = t.dailyChunk(4);
        for (int i = 0; i < rows.size(); i++) {
            chunk.add(t.date(rows.get(i), 100 + i), rows.get(i), 100 + i);
        }
        assertEquals(3, chunk.size());
        assertFalse(chunk.isFull());
        assertEquals(100, chunk.firstRowIndex());
        Station station = Station.of(-7.5, 256);
        double[] eto = new double[4];
        long[] flags = new long[4];
        BatchResult result = Fao56.defaults().dailyBatch(station, chunk.columns(), eto, flags);
        assertTrue(result.errors().isEmpty());
        for (int i = 0; i < rows.size(); i++) {
            DailyWeather day = t.dailyRow(rows.get(i), 100 + i);
            assertEquals(day, chunk.weather(i));
            EtoResult scalar = Fao56.defaults().daily(station, day);
            assertEquals(scalar.eto(), eto[i], 0.0, "bit for bit");
            assertEquals(EstimateFlag.toMask(scalar.flags()), flags[i]);
        }
    }

    @Test
    void anUnreadableRowKeepsItsPlaceAndTheFileRowNumbers() {
        WeatherTable t = WeatherTable.bind(WeatherTable.Step.DAILY, List.of("date", "tmax", "tmin"));
        WeatherTable.DailyChunk chunk = t.dailyChunk(2);
        List<String> bad = List.of("2020-01-01", "30", "cold");
        EtoException e = error(() -> chunk.add(LocalDate.of(2020, 1, 1), bad, 40));
        assertEquals(40, e.row().orElseThrow());
        assertEquals(0, chunk.size(), "nothing added on a bad cell");
        assertEquals(ErrorCode.WRONG_CELL_COUNT,
                error(() -> chunk.add(LocalDate.of(2020, 1, 1), List.of("2020-01-01"), 40)).code());
        chunk.addUnreadable(40);
        chunk.add(LocalDate.of(2020, 1, 2), List.of("2020-01-02", "30", "20"), 41);
        assertTrue(chunk.isFull());
        assertFalse(chunk.isReadable(0));
        assertTrue(chunk.isReadable(1));
        assertEquals(ErrorCode.INVALID_OPTION, error(() -> chunk.weather(0)).code());
        assertEquals(ErrorCode.INVALID_OPTION, error(() -> chunk.addUnreadable(42)).code(), "full");

        Fao56 lenient = Fao56.builder().validation(ValidationMode.LENIENT).build();
        double[] eto = new double[2];
        BatchResult result = lenient.dailyBatch(Station.of(45, 200), chunk.columns(), eto, new long[2]);
        assertEquals(40, result.errors().get(0).row().orElseThrow());
        assertTrue(Double.isNaN(eto[0]));
        assertTrue(Double.isFinite(eto[1]));

        chunk.clear();
        assertEquals(0, chunk.size());
        assertEquals(0, chunk.firstRowIndex());
        chunk.addUnreadable(7);
        assertEquals(7, chunk.firstRowIndex());
        EtoException gap = error(() -> chunk.addUnreadable(9));
        assertEquals(ErrorCode.INVALID_OPTION, gap.code());
        assertEquals("row", gap.field().orElseThrow());
        assertEquals(ErrorCode.INVALID_OPTION, error(() -> t.dailyChunk(0)).code());
    }

    // ---- README ------------------------------------------------------------------------------------------

    @Test
    void readmeRowSample() {
        List<String> header = List.of("YEAR", "DATE", "T2M_MAX", "T2M_MIN", "RH2M", "WS10M", "ALLSKY_SFC_SW_DWN");
        WeatherTable table = WeatherTable.bind(WeatherTable.Step.DAILY, header).requireColumns("tmax", "tmin");
        Station site = table.site(Station.of(-7.53, 256));   // WS10M: wind measured at 10 m
        DailyWeather day = table.dailyRow(List.of("2020", "2020-01-01", "31.2", "21.9", "78", "-999", "19.4"), 0);
        EtoResult result = Fao56.defaults().daily(site, day);  // -999 is NASA POWER's fill value: wind absent

        assertEquals(10.0, site.windHeightMetres());
        assertTrue(Double.isNaN(day.windSpeed()));
        assertEquals(78.0, day.rhMean());
        assertTrue(result.flags().contains(EstimateFlag.WIND_DEFAULT));
        assertTrue(result.eto() > 0);
    }

    @Test
    void readmeChunkSample() {
        WeatherTable table = WeatherTable.bind(WeatherTable.Step.DAILY, List.of("date", "tmax", "tmin", "rs"));
        Station site = Station.of(45.72, 200);
        Fao56 fao56 = Fao56.defaults();
        List<List<String>> rows = List.of(List.of("2020-07-14", "26.6", "14.8", "22"),
                List.of("2020-07-15", "27.0", "15.1", ""), List.of("2020-07-16", "25.2", "13.9", "20"));
        double[] eto = new double[4096];
        long[] flags = new long[4096];

        WeatherTable.DailyChunk chunk = table.dailyChunk(4096);
        WeatherTable.TimeOrder<LocalDate> order = table.timeOrder();
        for (int row = 0; row < rows.size(); row++) {
            LocalDate date = table.date(rows.get(row), row);
            order.next(date, row);
            chunk.add(date, rows.get(row), row);
            if (chunk.isFull() || row == rows.size() - 1) {
                fao56.dailyBatch(site, chunk.columns(), eto, flags);   // eto and flags hold chunk.size() results
                chunk.clear();
            }
        }

        for (int row = 0; row < rows.size(); row++) {
            assertEquals(fao56.daily(site, table.dailyRow(rows.get(row), row)).eto(), eto[row], 0.0);
        }
        assertEquals(EstimateFlag.RS_FROM_TEMPERATURE_RANGE.bit(),
                flags[1] & EstimateFlag.RS_FROM_TEMPERATURE_RANGE.bit());
    }

    /** The README's sample, as written there. */
    @Test
    void readmeSampleComputesAFileChunkByChunk() {
        String file = "date,tmax,tmin\n2020-01-01,31,22\n2020-01-02,32,21\n";
        java.io.Reader reader = new java.io.StringReader(file);
        Fao56 fao56 = Fao56.defaults();
        Station station = Station.of(-7.5, 256);
        double[] eto = new double[4096];
        long[] flags = new long[4096];
        try (CsvReader csv = CsvReader.of(reader)) {
            WeatherTable table = WeatherTable.bind(WeatherTable.Step.DAILY, csv.header());
            WeatherTable.DailyChunk chunk = table.dailyChunk(4096);
            while (csv.nextRecord()) {
                chunk.add(csv);                                   // WRONG_CELL_COUNT, MALFORMED_DATE, MALFORMED_NUMBER
                if (chunk.isFull()) {
                    fao56.dailyBatch(table.site(station), chunk.columns(), eto, flags);
                    chunk.clear();
                }
            }
            assertEquals(2, chunk.size());
            fao56.dailyBatch(table.site(station), chunk.columns(), eto, flags);
            assertEquals(fao56.daily(station, chunk.weather(1)).eto(), eto[1]);
            assertEquals(LocalDate.of(2020, 1, 2), chunk.date(1));
        }
    }

    @Test
    void readmeSamplesAreThisTestsCode() throws IOException {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        String section = readme.substring(readme.indexOf("## Reading tables"), readme.indexOf("## ASCE-EWRI"));
        String test = Files.readString(Path.of("src/test/java/org/eto4j/core/WeatherTableTest.java"),
                StandardCharsets.UTF_8);
        int blocks = 0;
        for (int i = section.indexOf("```java\n"); i >= 0; i = section.indexOf("```java\n", i + 1)) {
            blocks++;
            for (String line : section.substring(i + 8, section.indexOf("```", i + 8)).split("\n")) {
                assertTrue(test.contains(line.strip()), () -> "README line not in WeatherTableTest: " + line);
            }
        }
        assertEquals(3, blocks);
    }
}
