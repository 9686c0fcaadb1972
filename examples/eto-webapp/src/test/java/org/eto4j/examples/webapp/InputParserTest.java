package org.eto4j.examples.webapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.eto4j.core.ErrorCode;
import org.eto4j.core.EtoException;
import org.junit.jupiter.api.Test;

class InputParserTest {
    final InputParser parser = new InputParser(new ObjectMapper(), 100);

    @Test
    void csvRecordsFollowRfc4180WithEitherSeparator() {
        assertEquals(List.of(List.of("a", "b"), List.of("1", "x,\"y\"\nz")),
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
        CalculationInput in = parser.fromJson("{\"latitude\":\"-7,5\",\"elevation\":256,\"windHeight\":3,\"name\":\" My <b>station</b> \","
                + "\"rows\":[{\"date\":\"2020-01-01\",\"tmax\":30,\"tmin\":20},{\"date\":\"2020-01-02\",\"tmax\":\"31.5\",\"tmin\":21,\"rs\":null}]}");
        assertEquals(-7.5, in.station().latitudeDegrees());
        assertEquals(3.0, in.station().windHeightMetres());
        assertEquals("My <b>station</b>", in.name(), "kept as typed; the page writes it as text");
        assertEquals(List.of(List.of("2020-01-01", "30", "20", ""), List.of("2020-01-02", "31.5", "21", "")), in.rows());
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
                () -> new InputParser(new ObjectMapper(), 1).fromCsv("date,tmax,tmin\n2020-01-01,1,0\n2020-01-02,1,0\n", station));
        assertEquals(413, rows.status());
        assertEquals("WEB-4001", assertThrows(ApiException.class,
                () -> parser.fromJson("{\"latitude\":1,\"rows\":[{\"date\":\"2020-01-01\",\"tmax\":1,\"tmin\":0}]}")).code());
        assertEquals("WEB-4000", assertThrows(ApiException.class, () -> parser.fromJson("[1,2]")).code());
        assertEquals("WEB-4000", assertThrows(ApiException.class, () -> parser.fromJson("{\"latitude\":1,\"elevation\":1,\"rows\":[1]}")).code());
    }

    @Test
    void aCsvWithoutItsHeaderLineIsAMissingHeaderAsInTheCommandLineTool() {
        Map<String, String> station = Map.of("latitude", "0", "elevation", "0");
        EtoException e = assertThrows(EtoException.class,
                () -> parser.fromCsv("2020-01-01,30,20\n2020-01-02,31,21\n", station));
        assertEquals(ErrorCode.MISSING_HEADER, e.code());
    }
}
