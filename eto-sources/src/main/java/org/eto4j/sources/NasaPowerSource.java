package org.eto4j.sources;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * NASA POWER daily and hourly point API, community AG.
 *
 * <p>Requests {@code /api/temporal/daily/point} (or {@code hourly}) with
 * {@code parameters=T2M_MAX,T2M_MIN,T2M,RH2M,WS2M,ALLSKY_SFC_SW_DWN,T2MDEW,PRECTOTCORR}; the answer is GeoJSON
 * whose {@code properties.parameter.NAME} maps {@code YYYYMMDD} (or {@code YYYYMMDDHH}) to a value, with
 * {@code header.fill_value} (−999) for "no data" and units in {@code parameters.NAME.units}.
 */
final class NasaPowerSource extends HttpSource {
    /** MERRA-2's grid, 0.5° × 0.625°: POWER's meteorology is constant over each cell. */
    static final double GRID_LATITUDE = 0.5, GRID_LONGITUDE = 0.625;
    static final String DAILY_PARAMETERS = "T2M_MAX,T2M_MIN,T2M,RH2M,WS2M,ALLSKY_SFC_SW_DWN,T2MDEW,PRECTOTCORR";
    static final String HOURLY_PARAMETERS = "T2M,RH2M,T2MDEW,WS2M,ALLSKY_SFC_SW_DWN,PRECTOTCORR";
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyyMMddHH", Locale.ROOT);

    /** The parsed answer: series per parameter, keyed by the answer's time stamp. */
    record PowerResponse(Elevation elevation, Map<String, TreeMap<String, Double>> series, Map<String, String> units) {
    }

    NasaPowerSource(Settings settings, HttpGateway http, DailyProcessing processing) {
        super(SourceId.NASA_POWER, settings, http, processing);
    }

    @Override
    GeoPoint grid(GeoPoint point) {
        return point.snapped(GRID_LATITUDE, GRID_LONGITUDE);
    }

    @Override
    Raw raw(WeatherRequest request, FetchObserver observer) {
        GeoPoint grid = grid(request.point());
        ZoneId zone = solarOffset(grid.longitudeDegrees());
        DailyTable table = new DailyTable(request.start(), request.days());
        for (Variable v : List.of(Variable.TMAX, Variable.TMIN, Variable.TMEAN, Variable.RH_MEAN,
                Variable.WIND_SPEED_2M, Variable.SOLAR_RADIATION, Variable.TDEW, Variable.PRECIPITATION)) {
            table.provide(v);
        }
        Elevation elevation = null;
        List<LocalDate[]> chunks = split(request.start(), request.end(), chunkDays());
        for (int c = 0; c < chunks.size(); c++) {
            checkCancelled(observer);
            LocalDate s = chunks.get(c)[0];
            LocalDate e = chunks.get(c)[1];
            PowerResponse r = fetch("daily", DAILY_PARAMETERS, grid, s, e, "", observer);
            elevation = elevation != null ? elevation : r.elevation();
            double radiationFactor = radiationToMegajoules(r.units().get("ALLSKY_SFC_SW_DWN"), true);
            copy(r, "T2M_MAX", Variable.TMAX, 1, table);
            copy(r, "T2M_MIN", Variable.TMIN, 1, table);
            copy(r, "T2M", Variable.TMEAN, 1, table);
            copy(r, "RH2M", Variable.RH_MEAN, 1, table);
            copy(r, "WS2M", Variable.WIND_SPEED_2M, 1, table);
            copy(r, "ALLSKY_SFC_SW_DWN", Variable.SOLAR_RADIATION, radiationFactor, table);
            copy(r, "T2MDEW", Variable.TDEW, 1, table);
            copy(r, "PRECTOTCORR", Variable.PRECIPITATION, 1, table);
            observer.chunkDone(id, c + 1, chunks.size());
        }
        return new Raw(table, request.point(), grid, zone, elevation);
    }

    private void copy(PowerResponse r, String parameter, Variable v, double factor, DailyTable table) {
        TreeMap<String, Double> series = r.series().get(parameter);
        if (series == null) {
            return;
        }
        for (Map.Entry<String, Double> entry : series.entrySet()) {
            LocalDate date;
            try {
                date = LocalDate.parse(entry.getKey(), DAY);
            } catch (DateTimeParseException ex) {
                throw Json.malformed(id, "bad date key " + entry.getKey() + " in " + parameter);
            }
            if (table.contains(date)) {
                table.set(table.index(date), v, entry.getValue() * factor);
            }
        }
    }

    @Override
    public HourlySeries hourly(WeatherRequest request, FetchObserver observer) {
        GeoPoint grid = grid(request.point());
        ZoneId zone = request.zone().orElse(solarOffset(grid.longitudeDegrees()));
        Instant from = startOf(request.start(), zone);
        Instant to = startOf(request.end().plusDays(1), zone);
        LocalDate utcStart = LocalDate.ofInstant(from, ZoneOffset.UTC);
        LocalDate utcEnd = LocalDate.ofInstant(to.minusSeconds(1), ZoneOffset.UTC);
        TreeMap<Instant, double[]> rows = new TreeMap<>();
        String[] names = HOURLY_PARAMETERS.split(",");
        Elevation elevation = null;
        List<LocalDate[]> chunks = split(utcStart, utcEnd, hourlyChunkDays());
        for (int c = 0; c < chunks.size(); c++) {
            checkCancelled(observer);
            PowerResponse r = fetch("hourly", HOURLY_PARAMETERS, grid, chunks.get(c)[0], chunks.get(c)[1],
                    "&time-standard=UTC", observer);
            elevation = elevation != null ? elevation : r.elevation();
            double radiationFactor = radiationToMegajoules(r.units().get("ALLSKY_SFC_SW_DWN"), false);
            for (int p = 0; p < names.length; p++) {
                TreeMap<String, Double> series = r.series().get(names[p]);
                if (series == null) {
                    continue;
                }
                double factor = names[p].equals("ALLSKY_SFC_SW_DWN") ? radiationFactor : 1;
                for (Map.Entry<String, Double> entry : series.entrySet()) {
                    Instant t;
                    try {
                        t = LocalDateTime.parse(entry.getKey(), HOUR).toInstant(ZoneOffset.UTC);
                    } catch (DateTimeParseException ex) {
                        throw Json.malformed(id, "bad hour key " + entry.getKey() + " in " + names[p]);
                    }
                    if (t.isBefore(from) || !t.isBefore(to)) {
                        continue;
                    }
                    double[] row = rows.computeIfAbsent(t, k -> nanRow(names.length));
                    row[p] = entry.getValue() * factor;
                }
            }
            observer.chunkDone(id, c + 1, chunks.size());
        }
        HourlyVariable[] targets = {HourlyVariable.AIR_TEMPERATURE, HourlyVariable.RELATIVE_HUMIDITY,
            HourlyVariable.TDEW, HourlyVariable.WIND_SPEED_2M, HourlyVariable.SOLAR_RADIATION,
            HourlyVariable.PRECIPITATION};
        Instant[] times = rows.keySet().toArray(new Instant[0]);
        EnumMap<HourlyVariable, double[]> values = new EnumMap<>(HourlyVariable.class);
        for (int p = 0; p < targets.length; p++) {
            double[] column = new double[times.length];
            int i = 0;
            for (double[] row : rows.values()) {
                column[i++] = row[p];
            }
            values.put(targets[p], column);
        }
        return new HourlySeries(id, grid, zone, elevation, times, values);
    }

    private int hourlyChunkDays() {
        // POWER's hourly endpoint answers at most one year per request.
        return Math.min(chunkDays(), 366);
    }

    private static double[] nanRow(int n) {
        double[] row = new double[n];
        java.util.Arrays.fill(row, Double.NaN);
        return row;
    }

    private PowerResponse fetch(String temporal, String parameters, GeoPoint grid, LocalDate s, LocalDate e,
            String extra, FetchObserver observer) {
        URI uri = URI.create(settings.baseUrl(id) + "/api/temporal/" + temporal + "/point?parameters=" + parameters
                + "&community=AG&longitude=" + coordinate(grid.longitudeDegrees()) + "&latitude="
                + coordinate(grid.latitudeDegrees()) + "&start=" + s.format(DAY) + "&end=" + e.format(DAY)
                + "&format=JSON" + extra);
        CacheKey key = new CacheKey(id.token(), temporal, grid.latitudeDegrees(), grid.longitudeDegrees(), s, e);
        return http.get(uri, key, ttl(e), false, this::parse, observer);
    }

    PowerResponse parse(String body) {
        JsonNode root = Json.read(id, body);
        JsonNode parameter = Json.require(id, root, "/properties/parameter");
        if (!parameter.isObject()) {
            throw Json.malformed(id, "properties.parameter is not an object");
        }
        double fill = root.at("/header/fill_value").isNumber() ? root.at("/header/fill_value").doubleValue() : -999;
        Map<String, TreeMap<String, Double>> series = new HashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = parameter.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            if (!f.getValue().isObject()) {
                throw Json.malformed(id, "properties.parameter." + f.getKey() + " is not an object");
            }
            TreeMap<String, Double> values = new TreeMap<>();
            Iterator<Map.Entry<String, JsonNode>> days = f.getValue().fields();
            while (days.hasNext()) {
                Map.Entry<String, JsonNode> d = days.next();
                double v = Json.number(id, d.getValue(), f.getKey() + "." + d.getKey());
                // The fill value (−999) and JSON null both mean "no data"; compare with a tolerance because
                // some answers print it as -999.0 and others as -999.
                values.put(d.getKey(), Double.isNaN(v) || Math.abs(v - fill) < 1e-6 ? Double.NaN : v);
            }
            series.put(f.getKey(), values);
        }
        Map<String, String> units = new HashMap<>();
        Iterator<Map.Entry<String, JsonNode>> meta = root.path("parameters").fields();
        while (meta.hasNext()) {
            Map.Entry<String, JsonNode> m = meta.next();
            if (m.getValue().path("units").isTextual()) {
                units.put(m.getKey(), m.getValue().path("units").asText());
            }
        }
        Elevation elevation = null;
        JsonNode coordinates = root.at("/geometry/coordinates");
        if (coordinates.isArray() && coordinates.size() >= 3 && coordinates.get(2).isNumber()) {
            double metres = coordinates.get(2).doubleValue();
            if (metres >= -500 && metres <= 9000 && Math.abs(metres - fill) > 1e-6) {
                elevation = new Elevation(metres, Elevation.Origin.SOURCE);
            }
        }
        return new PowerResponse(elevation, series, units);
    }

    /**
     * The factor from the answer's radiation unit to MJ m⁻² (per day for daily data, per hour for hourly).
     * POWER's units depend on the community, so the answer's own {@code units} decide; an unknown unit is a
     * format error rather than a guess.
     */
    double radiationToMegajoules(String units, boolean daily) {
        if (units == null) {
            throw Json.malformed(id, "no units for ALLSKY_SFC_SW_DWN");
        }
        String u = units.replace(" ", "").toLowerCase(Locale.ROOT);
        return switch (u) {
            case "mj/m^2/day", "mj/m^2/hr", "mj/m^2/hour", "mj/hr", "mj/m^2" -> 1.0;
            case "kw-hr/m^2/day", "kwh/m^2/day" -> 3.6;
            case "wh/m^2" -> 0.0036;
            // A mean flux over the step times the step's seconds: 86 400 s/day, 3 600 s/h.
            case "w/m^2" -> daily ? 0.0864 : 0.0036;
            default -> throw Json.malformed(id, "unknown units for ALLSKY_SFC_SW_DWN: " + units);
        };
    }
}
