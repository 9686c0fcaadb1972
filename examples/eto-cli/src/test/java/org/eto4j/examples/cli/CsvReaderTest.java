package org.eto4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.StringReader;
import java.util.List;

import org.eto4j.core.ErrorCode;
import org.eto4j.core.EtoException;
import org.junit.jupiter.api.Test;

class CsvReaderTest {

    @Test
    void readsQuotedCellsWithSeparatorsAndDoubledQuotes() {
        CsvReader csv = new CsvReader(new StringReader("date,note\r\n2020-01-01,\"a, \"\"b\"\"\"\n"));
        assertEquals(List.of("date", "note"), csv.header());
        assertEquals(List.of("2020-01-01", "a, \"b\""), csv.next());
        assertEquals(0, csv.row());
        assertNull(csv.next());
    }

    @Test
    void detectsSemicolonSeparatorFromHeaderAndStripsByteOrderMark() {
        CsvReader csv = new CsvReader(new StringReader("\uFEFFdate;tmax\n2020-01-01;30,5\n"));
        assertEquals(List.of("date", "tmax"), csv.header());
        assertEquals(List.of("2020-01-01", "30,5"), csv.next());
    }

    @Test
    void skipsBlankLinesAndCountsDataRowsFromZero() {
        CsvReader csv = new CsvReader(new StringReader("a\n\n1\n   \n2\n"));
        csv.header();
        csv.next();
        assertEquals(0, csv.row());
        assertEquals(List.of("2"), csv.next());
        assertEquals(1, csv.row());
    }

    @Test
    void emptyInputIsATypedError() {
        EtoException e = assertThrows(EtoException.class, () -> new CsvReader(new StringReader("\n  \n")).header());
        assertEquals(ErrorCode.EMPTY_INPUT, e.code());
    }
}
