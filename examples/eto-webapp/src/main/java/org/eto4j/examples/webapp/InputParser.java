package org.eto4j.examples.webapp;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.eto4j.core.CsvReader;
import org.eto4j.core.ErrorCode;
import org.eto4j.core.EtoException;
import org.eto4j.core.Station;
import org.eto4j.core.WeatherTable;
import org.eto4j.sources.TmeanRule;

/**
 * Reads a submitted calculation from a JSON body or from CSV text with the station in query parameters.
 * Only the shape is checked here (station, method, step, header, row count); the cells are checked by the
 * task, record by record. Both formats are read as streams, straight into the compact rows of
 * {@link CalculationInput.Rows}, and the row limit is enforced while reading.
 */
final class InputParser {
    /** The longest station name kept; longer names are cut. */
    static final int MAX_NAME_LENGTH = 120;

    private final ObjectMapper json;
    private final int maxRows;

    InputParser(ObjectMapper json, int maxRows) {
        this.json = json;
        this.maxRows = maxRows;
    }

    /**
     * Parses {@code {"latitude","longitude","elevation","windHeight","name","method","step","rows":[{…}]}};
     * row objects use the column names of {@link WeatherTable}.
     *
     * @param body the JSON text
     * @return the input
     */
    CalculationInput fromJson(String body) {
        Submission s = read(new StringReader(body));
        if (s.input() == null) {
            throw ApiException.forField(WebErrorCode.REQUIRED, "rows", "rows");
        }
        return s.input();
    }

    /**
     * A submission read from JSON text: an upload ({@link Submission#input()}) or a "by location" request
     * ({@link Submission#location()}, its fields as sent, scalars only). Read as a stream: the rows go straight
     * into their compact form, and reading stops at the first row over the limit ({@code 413}, the rest is not
     * parsed). Anything after the object (a second document, garbage) is refused with {@code 400}, as is a
     * repeated field.
     *
     * @param body the JSON text (the caller limits its length)
     * @return the submission
     * @throws ApiException {@code 400} {@link WebErrorCode#MALFORMED_REQUEST}, {@code 413}
     *                      {@link WebErrorCode#TOO_MANY_ROWS}, or a station parameter's error
     */
    Submission read(Reader body) {
        ObjectNode root = json.getNodeFactory().objectNode();
        JsonRows rows = null;
        try (JsonParser p = json.createParser(body)) {
            p.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw ApiException.of(WebErrorCode.MALFORMED_REQUEST);
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                if (field.equals("rows")) {
                    if (t == JsonToken.VALUE_NULL) {
                        rows = null;
                    } else if (t != JsonToken.START_ARRAY) {
                        throw ApiException.forField(WebErrorCode.MALFORMED_REQUEST, "rows");
                    } else {
                        rows = new JsonRows(maxRows);
                        rows.read(p);
                    }
                } else if (t.isScalarValue()) {
                    root.set(field, p.readValueAsTree());
                } else {
                    // No other field is a container: skipped, never built as a tree.
                    p.skipChildren();
                }
            }
            // Trailing content ({…} {…}, {…}garbage) would otherwise be ignored and the first document run.
            if (p.nextToken() != null) {
                throw ApiException.of(WebErrorCode.MALFORMED_REQUEST);
            }
        } catch (JsonProcessingException e) {
            throw ApiException.of(WebErrorCode.MALFORMED_REQUEST);
        } catch (CharacterCodingException e) {
            throw ApiException.of(WebErrorCode.UNSUPPORTED_MEDIA_TYPE, "binary");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (LocationCalculations.wants(root)) {
            return new Submission(root, null);
        }
        if (rows == null) {
            throw ApiException.forField(WebErrorCode.REQUIRED, "rows", "rows");
        }
        if (rows.size() == 0) {
            throw new EtoException(ErrorCode.EMPTY_INPUT, null, -1);
        }
        Function<String, String> param = name -> {
            JsonNode v = root.get(name);
            if (v == null && name.equals("wind_height")) {
                v = root.get("windHeight");
            }
            return v == null || v.isNull() ? null : v.asText();
        };
        List<String> header = List.copyOf(rows.names);
        columns(header, monthly(param));   // refuses a missing or repeated column before the task starts
        return new Submission(null, build(param, header, rows.rows.build().padTo(header.size())));
    }

    /**
     * What a JSON body asks for: exactly one of an upload and a "by location" request.
     *
     * @param location the "by location" body's scalar fields, or null
     * @param input    the upload, or null
     */
    record Submission(JsonNode location, CalculationInput input) {
    }

    /** The {@code rows} array read row by row into compact rows; a column first seen late pads earlier rows. */
    private static final class JsonRows {
        /** More distinct columns than any weather table has, by far: a body with more is not a table. */
        static final int MAX_COLUMNS = 256;

        final List<String> names = new ArrayList<>();
        final Map<String, Integer> index = new HashMap<>();
        final CalculationInput.Rows.Builder rows = new CalculationInput.Rows.Builder(64 * 1024);
        final int maxRows;
        private String[] cells = new String[16];

        JsonRows(int maxRows) {
            this.maxRows = maxRows;
        }

        int size() {
            return rows.size();
        }

        void read(JsonParser p) throws IOException {
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t != JsonToken.START_OBJECT) {
                    throw ApiException.forField(WebErrorCode.MALFORMED_REQUEST, "rows");
                }
                if (rows.size() >= maxRows) {
                    throw ApiException.of(WebErrorCode.TOO_MANY_ROWS, maxRows + 1, maxRows);
                }
                Arrays.fill(cells, 0, names.size(), "");
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    Integer i = index.get(name);
                    if (i == null) {
                        if (names.size() >= MAX_COLUMNS) {
                            throw ApiException.forField(WebErrorCode.MALFORMED_REQUEST, "rows");
                        }
                        i = names.size();
                        names.add(name);
                        index.put(name, i);
                        if (i >= cells.length) {
                            cells = Arrays.copyOf(cells, cells.length * 2);
                        }
                    }
                    JsonToken v = p.nextToken();
                    if (v == JsonToken.VALUE_NULL) {
                        cells[i] = "";
                    } else if (v.isScalarValue()) {
                        cells[i] = p.getText().trim();
                    } else {
                        p.skipChildren();
                        cells[i] = "";
                    }
                }
                for (int c = 0; c < names.size(); c++) {
                    rows.cell(cells[c]);
                }
                rows.endRow();
            }
        }
    }

    /** Parses CSV text; the station comes from query parameters of the same names as the JSON fields. */
    CalculationInput fromCsv(String body, Map<String, String> query) {
        return fromCsv(new StringReader(body), query, body.length());
    }

    /**
     * Parses CSV as a stream, by the rules of eto-core's {@link CsvReader} (the command-line tool's too, so a
     * file gives the same cells in both); the station comes from query parameters of the same names as the
     * JSON fields. The header is checked as soon as it is read; reading stops at the first row over the limit
     * ({@code 413}, the rest is not parsed). The cells go straight into their compact form.
     *
     * @param body          the CSV text (the caller limits its length)
     * @param query         the query parameters
     * @param expectedChars about how long the text is (sizes the rows' buffer), or 0 when unknown
     * @return the input
     */
    CalculationInput fromCsv(Reader body, Map<String, String> query, long expectedChars) {
        Function<String, String> param = name -> {
            String v = query.get(name);
            if (v == null && name.equals("wind_height")) {
                v = query.get("windHeight");
            }
            return v;
        };
        boolean monthly = monthly(param);
        CsvReader csv = CsvReader.of(body);
        List<String> header;
        CalculationInput.Rows.Builder rows = new CalculationInput.Rows.Builder(
                (int) Math.min(Math.max(expectedChars, 1024), 1 << 28));
        try {
            header = csv.header();      // EMPTY_INPUT when there is none
            columns(header, monthly);   // refuses a missing or repeated column before the rows
            while (csv.nextRecord()) {
                // A short-lived string per cell: copied in bulk, where a CharSequence would go char by char.
                for (int i = 0; i < csv.cellCount(); i++) {
                    rows.cell(csv.cell(i));
                }
                rows.endRow();
                if (rows.size() > maxRows) {
                    throw ApiException.of(WebErrorCode.TOO_MANY_ROWS, maxRows + 1, maxRows);
                }
            }
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof CharacterCodingException) {
                throw ApiException.of(WebErrorCode.UNSUPPORTED_MEDIA_TYPE, "binary");
            }
            throw e;
        }
        if (rows.size() == 0) {
            throw new EtoException(ErrorCode.EMPTY_INPUT, null, -1);
        }
        return build(param, header, rows.build());
    }

    private static CalculationInput build(Function<String, String> param, List<String> header,
                                          CalculationInput.Rows rows) {
        double latitude = number(param, "latitude", true);
        double longitude = number(param, "longitude", false);
        double elevation = number(param, "elevation", true);
        double windHeight = number(param, "wind_height", false);
        Station station = new Station(latitude, longitude, elevation, Double.isNaN(windHeight) ? 2.0 : windHeight);
        String method = text(param, "method", "fao56");
        if (!method.equals("fao56") && !method.equals("fao56-daily") && !method.equals("fao56-monthly")) {
            throw new EtoException(ErrorCode.UNKNOWN_METHOD, "method", -1, method);
        }
        String step = monthly(param) ? "monthly" : "daily";
        String name = cleanName(param.apply("name"));
        String tmeanText = text(param, "tmean", TmeanRule.DEFAULT.token());
        TmeanRule tmean = TmeanRule.fromToken(tmeanText).orElseThrow(() -> new EtoException(ErrorCode.INVALID_OPTION,
                "tmean", -1, "tmean", tmeanText, "extremes|measured"));
        return new CalculationInput(name, station, "fao56", step, header, rows, tmean);
    }

    /** Binds the header; the web app computes FAO-56 only, so {@code tmax} and {@code tmin} are required. */
    static WeatherTable columns(List<String> header, boolean monthly) {
        return WeatherTable.bind(monthly ? WeatherTable.Step.MONTHLY : WeatherTable.Step.DAILY, header)
                .requireColumns("tmax", "tmin");
    }

    /** Whether the step is monthly; {@code daily} (the default) or {@code monthly}, anything else is refused. */
    private static boolean monthly(Function<String, String> param) {
        String step = text(param, "step", "daily");
        if (!step.equals("daily") && !step.equals("monthly")) {
            throw ApiException.forField(WebErrorCode.UNSUPPORTED_VALUE, "step", "step", step);
        }
        return step.equals("monthly");
    }

    private static String text(Function<String, String> param, String name, String fallback) {
        String v = param.apply(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        // Names of methods and steps are case-insensitive; the station's name is kept as typed.
        return name.equals("name") ? v.trim() : v.trim().toLowerCase(Locale.ROOT);
    }

    private static double number(Function<String, String> param, String name, boolean required) {
        String v = param.apply(name);
        if (v == null || v.isBlank()) {
            if (required) {
                throw ApiException.forField(WebErrorCode.REQUIRED, name, name);
            }
            return Double.NaN;
        }
        String t = v.trim();
        if (t.indexOf(',') >= 0 && t.indexOf('.') < 0) {
            t = t.replace(',', '.');
        }
        try {
            double d = Double.parseDouble(t);
            if (!Double.isFinite(d)) {
                throw ApiException.forField(WebErrorCode.NOT_A_NUMBER, name, name);
            }
            return d;
        } catch (NumberFormatException e) {
            throw ApiException.forField(WebErrorCode.NOT_A_NUMBER, name, name);
        }
    }

    /**
     * The station's name as kept: control characters (U+0000–U+001F, U+007F–U+009F) and the line and
     * paragraph separators U+2028 and U+2029 removed (they would break a line of the CSV export or a log),
     * then trimmed and cut to {@link #MAX_NAME_LENGTH} characters (never inside a surrogate pair).
     *
     * @param name the name as sent, or null
     * @return the name, possibly empty
     */
    static String cleanName(String name) {
        if (name == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!Character.isISOControl(c) && c != '\u2028' && c != '\u2029') {
                b.append(c);
            }
        }
        String clean = b.toString().trim();
        if (clean.length() > MAX_NAME_LENGTH) {
            int cut = Character.isHighSurrogate(clean.charAt(MAX_NAME_LENGTH - 1))
                    ? MAX_NAME_LENGTH - 1 : MAX_NAME_LENGTH;
            clean = clean.substring(0, cut).trim();
        }
        return clean;
    }

    /** Every record of a CSV text as lists of cells, the header first, as {@link #fromCsv} reads it; for tests. */
    static final class Csv {
        private Csv() {
        }

        /** Every record of {@code text} (none for a text without a non-blank line), cells as the rows keep them. */
        static List<List<String>> parse(String text) {
            CsvReader csv = CsvReader.of(new StringReader(text));
            List<List<String>> out = new ArrayList<>();
            List<String> header;
            try {
                header = csv.header();
            } catch (EtoException e) {
                return out;
            }
            CalculationInput.Rows.Builder rows = new CalculationInput.Rows.Builder(text.length());
            while (csv.next(rows::cell)) {
                rows.endRow();
            }
            out.add(header);
            out.addAll(rows.build());
            return out;
        }
    }
}
