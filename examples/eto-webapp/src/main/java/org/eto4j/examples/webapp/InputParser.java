package org.eto4j.examples.webapp;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.eto4j.core.ErrorCode;
import org.eto4j.core.EtoException;
import org.eto4j.core.Station;
import org.eto4j.core.WeatherTable;
import org.eto4j.sources.TmeanRule;

/**
 * Reads a submitted calculation from a JSON body or from CSV text with the station in query parameters.
 * Only the shape is checked here (station, method, step, header, row count); the cells are checked by the
 * task, record by record.
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
     */
    CalculationInput fromJson(String body) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.of(WebErrorCode.MALFORMED_REQUEST);
        }
        if (root == null || !root.isObject()) {
            throw ApiException.of(WebErrorCode.MALFORMED_REQUEST);
        }
        Function<String, String> param = name -> {
            JsonNode v = root.get(name);
            if (v == null && name.equals("wind_height")) {
                v = root.get("windHeight");
            }
            return v == null || v.isNull() ? null : v.asText();
        };
        JsonNode rowsNode = root.get("rows");
        if (rowsNode == null || rowsNode.isNull()) {
            throw ApiException.forField(WebErrorCode.REQUIRED, "rows", "rows");
        }
        if (!rowsNode.isArray()) {
            throw ApiException.forField(WebErrorCode.MALFORMED_REQUEST, "rows");
        }
        if (rowsNode.size() > maxRows) {
            throw ApiException.of(WebErrorCode.TOO_MANY_ROWS, rowsNode.size(), maxRows);
        }
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode row : rowsNode) {
            if (!row.isObject()) {
                throw ApiException.forField(WebErrorCode.MALFORMED_REQUEST, "rows");
            }
            row.fieldNames().forEachRemaining(names::add);
        }
        if (rowsNode.isEmpty()) {
            throw new EtoException(ErrorCode.EMPTY_INPUT, null, -1);
        }
        List<String> header = List.copyOf(names);
        columns(header, monthly(param));   // refuses a missing or repeated column before the task starts
        List<List<String>> rows = new ArrayList<>(rowsNode.size());
        for (JsonNode row : rowsNode) {
            List<String> cells = new ArrayList<>(header.size());
            for (String n : header) {
                JsonNode v = row.get(n);
                cells.add(v == null || v.isNull() ? "" : v.isNumber() ? v.numberValue().toString() : v.asText());
            }
            rows.add(cells);
        }
        return build(param, header, rows);
    }

    /** Parses CSV text; the station comes from query parameters of the same names as the JSON fields. */
    CalculationInput fromCsv(String body, Map<String, String> query) {
        List<List<String>> records = Csv.parse(body);
        if (records.isEmpty()) {
            throw new EtoException(ErrorCode.EMPTY_INPUT, null, -1);
        }
        List<String> header = records.get(0);
        List<List<String>> rows = records.subList(1, records.size());
        if (rows.size() > maxRows) {
            throw ApiException.of(WebErrorCode.TOO_MANY_ROWS, rows.size(), maxRows);
        }
        Function<String, String> param = name -> {
            String v = query.get(name);
            if (v == null && name.equals("wind_height")) {
                v = query.get("windHeight");
            }
            return v;
        };
        columns(header, monthly(param));   // refuses a missing or repeated column before the task starts
        if (rows.isEmpty()) {
            throw new EtoException(ErrorCode.EMPTY_INPUT, null, -1);
        }
        return build(param, header, rows);
    }

    private static CalculationInput build(Function<String, String> param, List<String> header,
                                          List<List<String>> rows) {
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
        String name = text(param, "name", "");
        if (name.length() > MAX_NAME_LENGTH) {
            name = name.substring(0, MAX_NAME_LENGTH);
        }
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

    /** RFC 4180 records from text: {@code ,} or {@code ;} (chosen from the header line), quotes, CRLF or LF, BOM. */
    static final class Csv {
        private Csv() {
        }

        static List<List<String>> parse(String text) {
            String s = !text.isEmpty() && text.charAt(0) == '\uFEFF' ? text.substring(1) : text;
            int headerEnd = s.indexOf('\n');
            String headerLine = headerEnd < 0 ? s : s.substring(0, headerEnd);
            char sep = headerLine.indexOf(';') >= 0 && headerLine.indexOf(',') < 0 ? ';' : ',';
            List<List<String>> records = new ArrayList<>();
            List<String> cells = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean quoted = false;
            boolean lineHasContent = false;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (quoted) {
                    if (c == '"') {
                        if (i + 1 < s.length() && s.charAt(i + 1) == '"') {
                            cell.append('"');
                            i++;
                        } else {
                            quoted = false;
                        }
                    } else {
                        cell.append(c);
                    }
                } else if (c == '"' && cell.toString().isBlank()) {
                    cell.setLength(0);
                    quoted = true;
                    lineHasContent = true;
                } else if (c == sep) {
                    cells.add(cell.toString().trim());
                    cell.setLength(0);
                    lineHasContent = true;
                } else if (c == '\n' || c == '\r') {
                    if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                        i++;
                    }
                    if (lineHasContent || !cell.toString().isBlank()) {
                        cells.add(cell.toString().trim());
                        records.add(cells);
                    }
                    cells = new ArrayList<>();
                    cell.setLength(0);
                    lineHasContent = false;
                } else {
                    cell.append(c);
                }
            }
            if (lineHasContent || !cell.toString().isBlank()) {
                cells.add(cell.toString().trim());
                records.add(cells);
            }
            return records;
        }
    }
}
