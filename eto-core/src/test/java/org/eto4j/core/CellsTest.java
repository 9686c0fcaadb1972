package org.eto4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.StringReader;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-read number and date cells equal the library parsers' results bit for bit, errors included. */
class CellsTest {

    /** The number rule as it was before the fast path: the reference the fast path must equal. */
    static double reference(String text) {
        if (text.isEmpty() || text.equalsIgnoreCase("na") || text.equalsIgnoreCase("nan")
                || text.equalsIgnoreCase("null")) {
            return Double.NaN;
        }
        String decimal = text.indexOf(',') >= 0 && text.indexOf('.') < 0 ? text.replace(',', '.') : text;
        double value = Double.parseDouble(decimal);   // NumberFormatException: malformed
        if (!Double.isFinite(value)) {
            throw new NumberFormatException(text);
        }
        return value == -999.0 ? Double.NaN : value;
    }

    static void assertSameNumber(String text) {
        double expected;
        try {
            expected = reference(text);
        } catch (NumberFormatException e) {
            EtoException x = assertThrows(EtoException.class, () -> WeatherTable.parseNumber(text, "tmax", 7), text);
            assertEquals(ErrorCode.MALFORMED_NUMBER, x.code());
            assertEquals(List.of("tmax", text), x.args());
            assertEquals(7, x.row().getAsInt());
            return;
        }
        double actual = WeatherTable.parseNumber(text, "tmax", 7);
        assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual), text);
        // Inside a longer sequence, as a reader's buffer holds it.
        String padded = "xx" + text + "yy";
        double inPlace = WeatherTable.parseNumber(padded, 2, 2 + text.length(), "tmax", 7);
        assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(inPlace), text);
        double inBuffer = WeatherTable.parseNumber(padded.toCharArray(), 2, 2 + text.length(), "tmax", 7);
        assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(inBuffer), text);
    }

    @Test
    void numbersReadBitForBitAsDoubleParseDoubleReadsThem() {
        for (String s : List.of("0", "-0", "+0", "-0.0", "30", "30.5", "30,5", ",5", "5,", ".5", "5.", "-999", "-999.0",
                "-999,00", "-999.0000001", "NA", "nan", "NULL", "", "1e3", "1E-3", "1,5e2", "0x1p3", "1d", "1f",
                "Infinity", "-Infinity", "NaN", "1.2.3", "1,2,3", "1,000.5", "1.000,5", "-", "+", ".", ",", "--1",
                "1-", " 1", "1 ", "abc", "0.1", "0.3", "2.675", "9007199254740991", "9007199254740992",
                "9007199254740993", "123456789012345678901234567890", "0.00000000000000000000001",
                "0.0000000000000000000001", "1.7976931348623157", "4.9e-324", "00000000000000000000000000012.5",
                "12.50000000000000000000000000", "٣", "1_000")) {
            assertSameNumber(s);
        }
    }

    @Test
    void randomDecimalsReadBitForBitAsDoubleParseDoubleReadsThem() {
        Random random = new Random(19);
        for (int i = 0; i < 60_000; i++) {
            StringBuilder s = new StringBuilder();
            if (random.nextInt(4) == 0) {
                s.append(random.nextBoolean() ? '-' : '+');
            }
            int intDigits = random.nextInt(12);
            for (int k = 0; k < intDigits; k++) {
                s.append((char) ('0' + random.nextInt(10)));
            }
            if (random.nextInt(5) > 0) {
                s.append(random.nextInt(6) == 0 ? ',' : '.');
                int fractionDigits = random.nextInt(i % 10 == 0 ? 25 : 8);
                for (int k = 0; k < fractionDigits; k++) {
                    s.append((char) ('0' + random.nextInt(10)));
                }
            }
            assertSameNumber(s.toString());
        }
    }

    @Test
    void datesReadAsLocalDateParseReadsThemStrictly() {
        for (String s : List.of("2020-01-01", "2020-02-29", "2021-02-29", "2100-02-29", "2000-02-29", "1900-02-28",
                "0000-01-01", "9999-12-31", "2020-13-01", "2020-00-10", "2020-04-31", "2020-04-30", "2020-1-01",
                "2020/01/01", "+2020-01-01", "-0001-01-01", "+10000-01-01", "2020-01-01T00:00", " 2020-01-01",
                "2020-01-0a", "20200101", "")) {
            assertSameDate(s);
        }
        Random random = new Random(21);
        for (int i = 0; i < 30_000; i++) {
            assertSameDate(String.format("%04d-%02d-%02d", random.nextInt(10_000),
                    random.nextInt(14), random.nextInt(33)));
        }
    }

    static void assertSameDate(String text) {
        WeatherTable table = WeatherTable.bind(WeatherTable.Step.DAILY, List.of("date", "tmax"));
        LocalDate expected;
        try {
            expected = LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            EtoException x = assertThrows(EtoException.class, () -> table.date(List.of(text, "1"), 3), text);
            assertEquals(ErrorCode.MALFORMED_DATE, x.code());
            assertEquals(List.of("date", text, "yyyy-MM-dd"), x.args());
            return;
        }
        assertEquals(expected, table.date(List.of(text, "1"), 3), text);
        long day = Cells.isoDate("x" + text, 1, 1 + text.length());
        if (day != Long.MIN_VALUE) {
            assertEquals(expected.toEpochDay(), day, text);
            assertEquals(expected.getDayOfYear(), Cells.dayOfYear("x" + text, 1), text);
        }
        char[] buffer = ("x" + text).toCharArray();
        long inBuffer = Cells.isoDate(buffer, 1, buffer.length);
        assertEquals(day, inBuffer, text);
        if (inBuffer != Long.MIN_VALUE) {
            assertEquals(expected.getDayOfYear(), Cells.dayOfYear(buffer, 1), text);
        }
    }

    @Test
    void aChunkFilledFromTheReaderEqualsOneFilledFromStrings() {
        StringBuilder text = new StringBuilder("date,tmax,tmin,rh_mean,WS10M,rs,note\n");
        Random random = new Random(5);
        LocalDate d = LocalDate.of(1999, 12, 25);
        for (int i = 0; i < 2_000; i++) {
            text.append(d.plusDays(i)).append(',')
                    .append(String.format(java.util.Locale.ROOT, "%.2f", 20 + random.nextDouble() * 15)).append(',')
                    .append(i % 97 == 0 ? "NA" : "\"" + (10 + random.nextInt(10)) + ",25\"").append(',')
                    .append(i % 50 == 0 ? "" : String.valueOf(random.nextInt(100))).append(',')
                    .append(i % 33 == 0 ? "-999" : "2.5e0").append(',')
                    .append(random.nextDouble() * 30).append(",\"free, text\"\n");
        }
        WeatherTable table;
        WeatherTable.DailyChunk fromStrings;
        WeatherTable.DailyChunk fromReader;
        try (CsvReader a = CsvReader.of(new StringReader(text.toString()));
             CsvReader b = CsvReader.of(new StringReader(text.toString()))) {
            table = WeatherTable.bind(WeatherTable.Step.DAILY, a.header());
            b.header();
            fromStrings = table.dailyChunk(4_096);
            fromReader = table.dailyChunk(4_096);
            List<String> cells;
            while ((cells = a.next()) != null) {
                fromStrings.add(table.date(cells, a.row()), cells, a.row());
                b.nextRecord();
                fromReader.add(b);
            }
        }
        assertEquals(fromStrings.size(), fromReader.size());
        for (int i = 0; i < fromStrings.size(); i++) {
            assertEquals(fromStrings.weather(i), fromReader.weather(i));
            assertEquals(fromStrings.date(i), fromReader.date(i));
        }
    }

    @Test
    void aRowReadInPlaceFailsWithTheErrorsOfItsStrings() {
        String text = "date,tmax,tmin\n2020-01-01,30\n2021-02-29,30,20\n2020-01-03,3O,20\n2020/01/04,30,20\n";
        WeatherTable table = WeatherTable.bind(WeatherTable.Step.DAILY, List.of("date", "tmax", "tmin"));
        CsvReader csv = CsvReader.of(new StringReader(text));
        csv.header();
        CsvReader strings = CsvReader.of(new StringReader(text));
        strings.header();
        WeatherTable.DailyChunk chunk = table.dailyChunk(8);
        while (csv.nextRecord()) {
            List<String> cells = strings.next();
            EtoException expected = assertThrows(EtoException.class, () -> table.dailyRow(cells, strings.row()));
            EtoException actual = assertThrows(EtoException.class, () -> chunk.add(csv));
            assertEquals(expected.getMessage(), actual.getMessage());
            assertEquals(0, chunk.size(), "nothing added");
        }
    }
}
