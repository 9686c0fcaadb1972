package org.eto4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Reader;
import java.io.StringReader;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReaderTest {

    /** Every record of {@code text}, the header first. */
    static List<List<String>> records(String text) {
        CsvReader csv = CsvReader.of(new StringReader(text));
        List<List<String>> out = new ArrayList<>();
        try {
            out.add(csv.header());
        } catch (EtoException e) {
            return out;
        }
        List<String> cells;
        while ((cells = csv.next()) != null) {
            out.add(cells);
        }
        return out;
    }

    @Test
    void readsQuotedCellsWithSeparatorsAndDoubledQuotes() {
        CsvReader csv = CsvReader.of(new StringReader("date,note\r\n2020-01-01,\"a, \"\"b\"\"\"\n"));
        assertEquals(List.of("date", "note"), csv.header());
        assertEquals(List.of("2020-01-01", "a, \"b\""), csv.next());
        assertEquals(0, csv.row());
        assertNull(csv.next());
    }

    @Test
    void detectsSemicolonSeparatorFromHeaderAndStripsByteOrderMark() {
        CsvReader csv = CsvReader.of(new StringReader("\uFEFFdate;tmax\n2020-01-01;30,5\n"));
        assertEquals(List.of("date", "tmax"), csv.header());
        assertEquals(';', csv.separator());
        assertEquals(List.of("2020-01-01", "30,5"), csv.next());
        assertEquals(List.of(List.of("date", "tmax"), List.of("2020-01-01", "30,5")),
                records("date;tmax\n2020-01-01;30,5"), "no line end after the last record");
    }

    @Test
    void aHeaderWithBothSeparatorsIsCommaSeparated() {
        assertEquals(List.of(List.of("a;b", "c"), List.of("1;2", "3")), records("a;b,c\n1;2,3\n"));
    }

    @Test
    void skipsBlankLinesAndCountsDataRowsFromZero() {
        CsvReader csv = CsvReader.of(new StringReader("\n \na\n\n1\n   \n2\n"));
        assertEquals(List.of("a"), csv.header());
        assertEquals(List.of("1"), csv.next());
        assertEquals(0, csv.row());
        assertEquals(List.of("2"), csv.next());
        assertEquals(1, csv.row());
        assertNull(csv.next());
        assertEquals(1, csv.row());
    }

    @Test
    void aLineOfSeparatorsIsARecordOfEmptyCells() {
        assertEquals(List.of(List.of("a", "b"), List.of("", "")), records("a,b\n , \n"));
        assertEquals(List.of(List.of("a"), List.of("")), records("a\n\"\"\n"));
    }

    @Test
    void emptyInputIsATypedError() {
        for (String text : List.of("", "\n  \n", "\uFEFF", "\r\n\r\n")) {
            EtoException e = assertThrows(EtoException.class, () -> CsvReader.of(new StringReader(text)).header());
            assertEquals(ErrorCode.EMPTY_INPUT, e.code());
            assertTrue(e.row().isEmpty());
            assertTrue(e.field().isEmpty());
        }
        assertThrows(EtoException.class, () -> CsvReader.of(new StringReader("")).next());
        assertEquals(List.of(), records("\n  \n"));
    }

    @Test
    void aSpaceBeforeAQuoteStillOpensAQuotedCell() {
        // Issue #19: "1, \"x,y\"" was 3 cells in one reader and 2 in the other; it is 2.
        assertEquals(List.of(List.of("a", "b"), List.of("1", "x,y")), records("a,b\n1, \"x,y\"\n"));
    }

    @Test
    void aQuotedNumberIsANumber() {
        // Issue #19: "2020-01-01, \"30\",20" failed in one reader and computed in the other.
        List<List<String>> r = records("date,tmax,tmin\n2020-01-01, \"30\",20\n");
        assertEquals(List.of("2020-01-01", "30", "20"), r.get(1));
        WeatherTable table = WeatherTable.bind(WeatherTable.Step.DAILY, r.get(0));
        DailyWeather day = table.dailyRow(r.get(1), 0);
        assertEquals(30.0, day.tmax());
        assertEquals(LocalDate.of(2020, 1, 1), day.date());
    }

    @Test
    void spacesAroundCellsAreDroppedInsideQuotesToo() {
        assertEquals(List.of(List.of("a", "b", "c"), List.of("30", "x y", "1")),
                records(" a ,b,\tc\n \" 30 \" ,  x y  ,1  \n"));
    }

    @Test
    void aQuoteThatDoesNotOpenACellIsText() {
        assertEquals(List.of(List.of("a", "b"), List.of("5\"", "x \"y\" z"), List.of("ab", "c d")),
                records("a,b\n5\",x \"y\" z\n\"a\"b,\"c\" d\n"));
    }

    @Test
    void lineBreaksInsideQuotesReadAsOneLineFeedWhateverTheFileHas() {
        // Issue #19: a quoted multi-line cell kept \r\n in one reader and became \n in the other.
        List<String> expected = List.of("1", "x,\"y\"\nz\nw\nv");
        for (String end : List.of("\n", "\r\n", "\r")) {
            String text = "\uFEFFa,b" + end + "1,\"x,\"\"y\"\"" + end + "z\nw\r\nv\"" + end + end;
            assertEquals(List.of(List.of("a", "b"), expected), records(text),
                    end.replace("\r", "CR").replace("\n", "LF"));
        }
    }

    @Test
    void crLfLfAndLoneCrEndLinesAlike() {
        List<List<String>> expected = List.of(List.of("a", "b"), List.of("1", "2"),
                List.of("3", "4"), List.of("5", "6"));
        assertEquals(expected, records("a,b\r\n1,2\r\n3,4\r\n5,6\r\n"));
        assertEquals(expected, records("a,b\n1,2\n3,4\n5,6\n"));
        assertEquals(expected, records("a,b\r1,2\r3,4\r5,6"));
        assertEquals(expected, records("a,b\r\n1,2\n3,4\r5,6\r\n\r\n"));
    }

    @Test
    void anUnclosedQuoteRunsToTheEndOfTheText() {
        assertEquals(List.of(List.of("a", "b"), List.of("1", "x\n2,3")), records("a,b\n1,\"x\n2,3\n"));
    }

    @Test
    void rowsOfAnyWidthAreReturnedAndTheTableJudgesThem() {
        List<List<String>> r = records("date,tmax,tmin\n2020-01-01,30\n2020-01-02,30,20,1\n");
        WeatherTable table = WeatherTable.bind(WeatherTable.Step.DAILY, r.get(0));
        EtoException e = assertThrows(EtoException.class, () -> table.dailyRow(r.get(1), 0));
        assertEquals(ErrorCode.WRONG_CELL_COUNT, e.code());
        assertEquals(List.of(2, 3), e.args());
        assertEquals(0, e.row().getAsInt());
        assertEquals(ErrorCode.WRONG_CELL_COUNT,
                assertThrows(EtoException.class, () -> table.dailyRow(r.get(2), 1)).code());
    }

    @Test
    void theHeaderIsReadOnceAndNextReadsItWhenAskedFirst() {
        CsvReader csv = CsvReader.of(new StringReader("a,b\n1,2\n"));
        assertEquals(List.of("1", "2"), csv.next());
        assertEquals(List.of("a", "b"), csv.header());
        assertEquals(csv.header(), csv.header());
    }

    @Test
    void theSinkGetsTheSameCellsWithoutStrings() {
        String text = "a;b;c\n1; \"x;\"\"y\"\"\" ;30,5\n\n2;;\n";
        CsvReader csv = CsvReader.of(new StringReader(text));
        csv.header();
        List<List<String>> seen = new ArrayList<>();
        List<String> row = new ArrayList<>();
        while (csv.next((chars, from, to) -> row.add(chars.subSequence(from, to).toString()))) {
            seen.add(List.copyOf(row));
            row.clear();
        }
        assertEquals(records(text).subList(1, 3), seen);
        assertEquals(1, csv.row());
        assertFalse(csv.next((chars, from, to) -> row.add("never")));
        assertTrue(row.isEmpty());
    }

    @Test
    void heldRecordsGiveTheirCellsOneByOne() {
        CsvReader csv = CsvReader.of(new StringReader("a,b\n1,\"2\"\n"));
        assertTrue(csv.nextRecord());
        assertEquals(2, csv.cellCount());
        assertEquals("2", csv.cell(1));
        assertThrows(IndexOutOfBoundsException.class, () -> csv.cell(2));
        assertFalse(csv.nextRecord());
        assertEquals(0, csv.cellCount());
    }

    @Test
    void recordsLongerThanTheBufferAndReadsOfOneCharacterReadTheSame() {
        StringBuilder text = new StringBuilder("date,note\n");
        String longCell = "x".repeat(200_000);
        text.append("2020-01-01,\"").append(longCell).append("\"\r\n");
        for (int i = 0; i < 5_000; i++) {
            text.append("2020-01-02, \"").append(i).append("\" \r\n");
        }
        String s = text.toString();
        List<List<String>> whole = records(s);
        assertEquals(5_002, whole.size());
        assertEquals(longCell, whole.get(1).get(1));
        assertEquals(List.of("2020-01-02", "4999"), whole.get(5_001));
        // A reader that hands over one character at a time splits every record at every possible point.
        Reader trickle = new Reader() {
            int at;

            @Override
            public int read(char[] buf, int off, int len) {
                if (at == s.length()) {
                    return -1;
                }
                buf[off] = s.charAt(at++);
                return 1;
            }

            @Override
            public void close() {
            }
        };
        CsvReader csv = CsvReader.of(trickle);
        List<List<String>> trickled = new ArrayList<>();
        trickled.add(csv.header());
        List<String> cells;
        while ((cells = csv.next()) != null) {
            trickled.add(cells);
        }
        assertEquals(whole, trickled);
    }

    @Test
    void aHeaderLineLongerThanTheBufferStillDecidesTheSeparator() {
        StringBuilder header = new StringBuilder("\n\n date");
        for (int i = 0; i < 20_000; i++) {
            header.append(";c").append(i);
        }
        List<List<String>> r = records(header + "\n2020-01-01" + ";1".repeat(20_000) + "\n");
        assertEquals(20_001, r.get(0).size());
        assertEquals("date", r.get(0).get(0));
        assertEquals(20_001, r.get(1).size());
    }

    @Test
    void aByteOrderMarkBeforeAHeaderLongerThanTheBufferWithNoLineEnd() {
        String header = "\uFEFFdate" + ";c".repeat(20_000);
        List<List<String>> r = records(header);
        assertEquals(1, r.size());
        assertEquals(20_001, r.get(0).size());
        assertEquals("date", r.get(0).get(0));
    }

    @Test
    void closeClosesTheReader() {
        boolean[] closed = {false};
        Reader in = new StringReader("a\n") {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        try (CsvReader csv = CsvReader.of(in)) {
            assertEquals(List.of("a"), csv.header());
        }
        assertTrue(closed[0]);
    }
}
