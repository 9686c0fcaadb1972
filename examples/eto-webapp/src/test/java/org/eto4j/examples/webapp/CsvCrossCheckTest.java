package org.eto4j.examples.webapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eto4j.core.CsvReader;
import org.eto4j.core.EtoException;
import org.eto4j.examples.cli.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One CSV, one reading: a corpus of awkward files (test resources {@code csv-corpus/}) goes to the command-line
 * tool ({@code eto-cli daily}, through {@link Main#run}) and to this app (a real upload over loopback HTTP), each
 * with its line ends as written, as {@code \r\n} and as a lone {@code \r}. Both must read the same cells and print
 * the same dates, ETo and flags, or refuse the file with the same coded error, worded alike (field and row
 * included).
 */
class CsvCrossCheckTest {
    private static final double LATITUDE = -7.5312;
    private static final double ELEVATION = 256;
    private static final String CORPUS = "csv-corpus/";

    /**
     * Every file of the corpus and what it must give: {@code ok} (ETo computed), or the error code both must
     * report.
     */
    private static final Map<String, String> EXPECTED = Map.ofEntries(
            Map.entry("space-before-quote.csv", "ok"),
            Map.entry("quoted-numbers.csv", "ok"),
            Map.entry("multi-line-cell.csv", "ok"),
            Map.entry("semicolon-decimal-comma.csv", "ok"),
            Map.entry("bom-blank-lines-spaces.csv", "ok"),
            Map.entry("nasa-power.csv", "ok"),
            Map.entry("missing-markers.csv", "ok"),
            Map.entry("number-forms.csv", "ok"),
            Map.entry("quoted-header.csv", "ok"),
            Map.entry("malformed-number.csv", "ETO-2003"),
            Map.entry("malformed-number-comma-and-point.csv", "ETO-2003"),
            Map.entry("malformed-date.csv", "ETO-2004"),
            Map.entry("wrong-cell-count.csv", "ETO-2008"),
            Map.entry("wrong-cell-count-unquoted-space.csv", "ETO-2008"),
            Map.entry("unclosed-quote.csv", "ETO-2003"),
            Map.entry("missing-column.csv", "ETO-2006"),
            Map.entry("duplicate-column.csv", "ETO-2007"),
            Map.entry("no-header.csv", "ETO-2001"),
            Map.entry("blank-only.csv", "ETO-2002"),
            Map.entry("header-only.csv", "ETO-2002"),
            Map.entry("duplicate-date.csv", "ETO-2005"),
            Map.entry("out-of-order.csv", "ETO-2009"),
            Map.entry("tmin-above-tmax.csv", "ETO-1003"));

    static WebApp app;
    static Http http;

    @BeforeAll
    static void start() {
        app = WebApp.start(WebAppConfig.defaults().withHttpPort(0).withLimits(1 << 20, 10_000, 100_000));
        http = new Http(app.baseUri());
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static Stream<Arguments> corpus() {
        List<Arguments> cases = new ArrayList<>();
        for (String file : EXPECTED.keySet().stream().sorted().toList()) {
            for (String end : List.of("\n", "\r\n", "\r")) {
                cases.add(Arguments.of(file, end.replace("\r", "CR").replace("\n", "LF")));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("corpus")
    void theCommandLineToolAndTheWebAppReadAndComputeAlike(String file, String lineEnd) {
        String text = read(file).replace("\n", lineEnd.replace("CR", "\r").replace("LF", "\n"));
        String expected = EXPECTED.get(file);

        // The same cells: the web app's compact rows are the shared reader's cells (control characters, such
        // as a line break inside a quoted cell, replaced, as the app keeps them).
        assertEquals(sharedReaderCells(text), InputParser.Csv.parse(text), "cells");

        Cli cli = cli(text);
        Web web = web(text);
        if (expected.equals("ok")) {
            assertEquals(0, cli.status, cli.err);
            assertEquals(null, web.error, () -> String.valueOf(web.error));
            assertTrue(cli.rows.size() >= 1);
            assertEquals(cli.rows, web.rows, "date, ETo and flags of every row");
        } else {
            assertEquals(1, cli.status, "exit status; stderr: " + cli.err + " stdout: " + cli.out);
            assertEquals(expected, web.error.get("code").asText(), web.error::toString);
            // The CLI words eto-core's coded error with eto-i18n exactly as the app does: same message, field, row
            // (a control character quoted from a cell is U+FFFD in the app's message, as the app keeps cells).
            assertEquals("eto-cli: " + web.error.get("message").asText(), replaceControls(cli.err.strip()));
        }
    }

    /** Every record as eto-core's reader gives it, the header first, control characters as the app keeps them. */
    private static List<List<String>> sharedReaderCells(String text) {
        List<List<String>> out = new ArrayList<>();
        CsvReader csv = CsvReader.of(new StringReader(text));
        try {
            out.add(csv.header());
        } catch (EtoException e) {
            return out;
        }
        List<String> cells;
        while ((cells = csv.next()) != null) {
            out.add(cells.stream().map(CsvCrossCheckTest::replaceControls).toList());
        }
        return out;
    }

    private static String replaceControls(String cell) {
        StringBuilder b = new StringBuilder(cell.length());
        cell.chars().forEach(c -> b.append(c < 0x20 || (c >= 0x7F && c <= 0x9F) ? '\uFFFD' : (char) c));
        return b.toString();
    }

    /** What the tool printed: its exit status, the data rows of its CSV (date, ETo, flags) and its errors. */
    record Cli(int status, List<List<String>> rows, String out, String err) {
    }

    private static Cli cli(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] args = {"daily", "--latitude", String.valueOf(LATITUDE), "--elevation", String.valueOf(ELEVATION),
            "--input", "-", "--lang", "en"};
        int status = Main.run(args, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8);
        List<List<String>> rows = status == 0 ? csvRows(printed) : List.of();
        return new Cli(status, rows, printed, err.toString(StandardCharsets.UTF_8));
    }

    /** What the app gave: the data rows of its CSV export (date, ETo, flags), or its error JSON. */
    record Web(List<List<String>> rows, JsonNode error) {
    }

    private static Web web(String text) {
        HttpResponse<String> r = http.postCsv("latitude=" + LATITUDE + "&elevation=" + ELEVATION, text,
                "Accept-Language", "en");
        if (r.statusCode() != 202) {
            assertEquals(400, r.statusCode(), r.body());
            return new Web(List.of(), Http.json(r).get("error"));
        }
        JsonNode task = Http.json(r);
        Http.awaitEnd(app, task.get("taskId").asText());
        String token = task.get("token").asText();
        HttpResponse<String> result = http.get(task.get("resultUrl").asText() + "?format=csv&lang=en", token,
                "Accept-Language", "en");
        if (result.statusCode() != 200) {
            assertEquals(422, result.statusCode(), result.body());
            return new Web(List.of(), Http.json(result).get("error"));
        }
        return new Web(csvRows(result.body()), null);
    }

    /**
     * The data rows of a printed CSV (plain cells, no quotes in these outputs) from its time column on: the
     * export's station column, when the station has a name, has no counterpart in the tool's output.
     */
    private static List<List<String>> csvRows(String printed) {
        List<String> lines = printed.lines().filter(l -> !l.isEmpty()).toList();
        int from = Arrays.asList(lines.get(0).replace("\uFEFF", "").split(",", -1)).indexOf("date");
        List<List<String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            List<String> cells = Arrays.asList(line.split(",", -1));
            rows.add(cells.subList(from, cells.size()));
        }
        return rows;
    }

    private static String read(String file) {
        try (InputStream in = CsvCrossCheckTest.class.getResourceAsStream(CORPUS + file)) {
            if (in == null) {
                throw new IllegalStateException("no corpus file " + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
