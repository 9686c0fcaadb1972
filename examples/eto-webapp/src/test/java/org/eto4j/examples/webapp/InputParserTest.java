package org.eto4j.examples.webapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Reader;
import java.util.List;
import java.util.Map;
import org.eto4j.core.ErrorCode;
import org.eto4j.core.EtoException;
import org.junit.jupiter.api.Test;

class InputParserTest {
    final InputParser parser = new InputParser(new ObjectMapper(), 100);

    @Test
    void csvRecordsFollowRfc4180WithEitherSeparator() {
        // A line break inside a quoted data cell is a control character: kept as U+FFFD (never a number or date).
        assertEquals(List.of(List.of("a", "b"), List.of("1", "x,\"y\"\uFFFDz")),
                InputParser.Csv.parse("\uFEFFa,b\r\n1,\"x,\"\"y\"\"\nz\"\r\n\r\n"));
        assertEquals(List.of(List.of("date", "tmax"), List.of("2020-01-01", "30,5")),
                InputParser.Csv.parse("date;tmax\n2020-01-01;30,5"));
        assertEquals(List.of(), InputParser.Csv.parse("\n  \n"));
    }

    @Test
    void columnsAreCaseInsensitiveWithNasaPowerAliasesAndWs10mSetsTheWindHeight() {
        CalculationInput in = parser.fromCsv("DATE,T2M_MAX,t2m_min,WS10M,PRECTOTCORR\n2020-01-01,30,20,3,0\n",
                Map.of("latitude", "-7.5", "elevation", "256"));
        assertEquals(0, in.columns().indexOf("date"));
        assertEquals(1, in.columns().indexOf("tmax"));
        assertEquals(2, in.columns().indexOf("tmin"));
        assertEquals(3, in.columns().indexOf("ws10m"));
        assertEquals(-1, in.columns().indexOf("u2"));
        assertEquals(10.0, in.site().windHeightMetres());
        assertEquals(2.0, in.station().windHeightMetres());
        assertTrue(Double.isNaN(in.station().longitudeDegrees()));
    }

    @Test
    void jsonRowsMayOmitColumnsAndAcceptNumbersOrText() {
        CalculationInput in = parser.fromJson(
                "{\"latitude\":\"-7,5\",\"elevation\":256,\"windHeight\":3,\"name\":\" My <b>station</b> \","
                + "\"rows\":[{\"date\":\"2020-01-01\",\"tmax\":30,\"tmin\":20},"
                + "{\"date\":\"2020-01-02\",\"tmax\":\"31.5\",\"tmin\":21,\"rs\":null}]}");
        assertEquals(-7.5, in.station().latitudeDegrees());
        assertEquals(3.0, in.station().windHeightMetres());
        assertEquals("My <b>station</b>", in.name(), "kept as typed; the page writes it as text");
        assertEquals(List.of(List.of("2020-01-01", "30", "20", ""), List.of("2020-01-02", "31.5", "21", "")),
                in.rows());
    }

    @Test
    void jsonWithTrailingContentOrARepeatedFieldIsRefusedAsMalformed() {
        String ok = "{\"latitude\":1,\"elevation\":1,\"rows\":[{\"date\":\"2020-01-01\",\"tmax\":30,\"tmin\":20}]}";
        assertEquals(1, parser.fromJson(ok + " \n").rows().size(), "trailing white space is fine");
        for (String bad : List.of(ok + " {\"latitude\":95}", ok + "garbage", ok + "}", ok + "[]", ok + "1",
                "{\"latitude\":1,\"latitude\":2,\"elevation\":1,"
                        + "\"rows\":[{\"date\":\"2020-01-01\",\"tmax\":30,\"tmin\":20}]}")) {
            ApiException e = assertThrows(ApiException.class, () -> parser.fromJson(bad), bad);
            assertEquals(400, e.status());
            assertEquals("WEB-4000", e.code());
        }
    }

    @Test
    void controlCharactersAreStrippedFromTheNameAndReplacedInCells() {
        CalculationInput in = parser.fromJson(
                "{\"latitude\":1,\"elevation\":1,\"name\":\"\\u0007Bal\\r\\nsas\\u0000 (MA)\\u2028\","
                + "\"rows\":[{\"date\":\"2020-01-01\",\"tmax\":\"3\\t0\",\"tmin\":20}]}");
        assertEquals("Balsas (MA)", in.name());
        assertEquals(List.of("2020-01-01", "3\uFFFD0", "20"), in.rows().get(0));
        CalculationInput csv = parser.fromCsv("date,tmax,tmin\n2020-01-01,\"3\u00010\",20\n",
                Map.of("latitude", "1", "elevation", "1", "name", "\u001bX\u007f"));
        assertEquals("X", csv.name());
        assertEquals(List.of("2020-01-01", "3\uFFFD0", "20"), csv.rows().get(0));
        assertEquals("", InputParser.cleanName("\u0001\u0002 "));
    }

    @Test
    void aColumnFirstSeenInALaterJsonRowIsEmptyInTheEarlierRows() {
        CalculationInput in = parser.fromJson("{\"latitude\":1,\"elevation\":1,\"rows\":["
                + "{\"date\":\"2020-01-01\",\"tmax\":30,\"tmin\":20},"
                + "{\"tmin\":21,\"rs\":15,\"date\":\"2020-01-02\",\"tmax\":31}]}");
        assertEquals(List.of("date", "tmax", "tmin", "rs"), in.header());
        assertEquals(List.of(List.of("2020-01-01", "30", "20", ""), List.of("2020-01-02", "31", "21", "15")),
                in.rows());
    }

    @Test
    void theRowLimitStopsTheReadingAtTheFirstRowOverIt() {
        // An endless body: the parser must stop by itself at row 101, having read a bounded part of it.
        long[] served = {0};
        Reader endless = new Reader() {
            final char[] header = "date,tmax,tmin\n".toCharArray();
            final char[] row = "2020-01-01,30,20\n".toCharArray();
            int at;

            @Override
            public int read(char[] buf, int off, int len) {
                for (int i = 0; i < len; i++) {
                    buf[off + i] = served[0] < header.length ? header[(int) served[0]] : row[at++ % row.length];
                    served[0]++;
                }
                return len;
            }

            @Override
            public void close() {
            }
        };
        ApiException e = assertThrows(ApiException.class,
                () -> parser.fromCsv(endless, Map.of("latitude", "1", "elevation", "1"), 0));
        assertEquals("WEB-4131", e.code());
        assertEquals(List.of(101, 100), e.args());
        assertTrue(served[0] < 64 * 1024, "read " + served[0] + " chars");

        StringBuilder json = new StringBuilder("{\"latitude\":1,\"elevation\":1,\"rows\":[");
        for (int i = 0; i < 101; i++) {
            json.append(i == 0 ? "" : ",").append("{\"date\":\"2020-01-01\",\"tmax\":30,\"tmin\":20}");
        }
        json.append("], \"trailing\": [");   // never read: the row limit comes first
        ApiException j = assertThrows(ApiException.class, () -> parser.fromJson(json.toString()));
        assertEquals("WEB-4131", j.code());
    }

    @Test
    void parametersKeepTheRowsAsOneTextAndReadTheOlderListForm() {
        CalculationInput in = parser.fromCsv("date;tmax;tmin\n2020-01-01;30,5;20\n2020-01-02;\"\";21\n",
                Map.of("latitude", "1", "elevation", "1"));
        Map<String, Object> p = in.toParameters();
        assertEquals("2020-01-01\t30,5\t20\n2020-01-02\t\t21", p.get("table"));
        assertEquals(in.rows(), CalculationInput.fromParameters(p).rows());
        Map<String, Object> old = new java.util.HashMap<>(p);
        old.remove("table");
        old.put("rows", List.of(List.of("2020-01-01", "30,5", "20"), List.of("2020-01-02", "", "21")));
        assertEquals(in.rows(), CalculationInput.fromParameters(old).rows());
        assertEquals(in.rows(), CalculationInput.fromParameters(new ObjectMapper().convertValue(p, Map.class)).rows());
    }

    @Test
    void shapeErrorsAreTypedWithTheirField() {
        Map<String, String> station = Map.of("latitude", "0", "elevation", "0");
        EtoException dup = assertThrows(EtoException.class,
                () -> parser.fromCsv("date,tmax,T2M_MAX,tmin\n", station));
        assertEquals(ErrorCode.DUPLICATE_COLUMN, dup.code());
        assertEquals(ErrorCode.MISSING_COLUMN, assertThrows(EtoException.class,
                () -> parser.fromCsv("date,tmax\n2020-01-01,1\n", station)).code());
        assertEquals(ErrorCode.EMPTY_INPUT, assertThrows(EtoException.class,
                () -> parser.fromCsv("date,tmax,tmin\n", station)).code());
        ApiException rows = assertThrows(ApiException.class,
                () -> new InputParser(new ObjectMapper(), 1)
                        .fromCsv("date,tmax,tmin\n2020-01-01,1,0\n2020-01-02,1,0\n", station));
        assertEquals(413, rows.status());
        assertEquals("WEB-4001", assertThrows(ApiException.class,
                () -> parser.fromJson(
                        "{\"latitude\":1,\"rows\":[{\"date\":\"2020-01-01\",\"tmax\":1,\"tmin\":0}]}")).code());
        assertEquals("WEB-4000", assertThrows(ApiException.class, () -> parser.fromJson("[1,2]")).code());
        assertEquals("WEB-4000", assertThrows(ApiException.class,
                () -> parser.fromJson("{\"latitude\":1,\"elevation\":1,\"rows\":[1]}")).code());
    }

    @Test
    void aCsvWithoutItsHeaderLineIsAMissingHeaderAsInTheCommandLineTool() {
        Map<String, String> station = Map.of("latitude", "0", "elevation", "0");
        EtoException e = assertThrows(EtoException.class,
                () -> parser.fromCsv("2020-01-01,30,20\n2020-01-02,31,21\n", station));
        assertEquals(ErrorCode.MISSING_HEADER, e.code());
    }
}
