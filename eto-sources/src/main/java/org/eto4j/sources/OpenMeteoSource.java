package org.eto4j.sources;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Open-Meteo historical ({@code /v1/archive}, ERA5) and forecast ({@code /v1/forecast}) APIs.
 *
 * <p>One request per chunk asks for daily {@code temperature_2m_max, temperature_2m_min,
 * shortwave_radiation_sum, precipitation_sum, et0_fao_evapotranspiration} and hourly {@code temperature_2m,
 * relative_humidity_2m, dew_point_2m, wind_speed_10m, shortwave_radiation, precipitation} with
 * {@code wind_speed_unit=ms}. The answer holds parallel arrays: {@code daily.time[]},
 * {@code daily.temperature_2m_max[]}, … ({@code null} for no value), and the location's {@code timezone}.
 * Daily RH max/min/mean, mean dew point, mean temperature and mean 10 m wind are aggregated from the hourly
 * values of each local day.
 */
final class OpenMeteoSource extends HttpSource {
    /** Coordinates are sent to 0.01° (about 1 km), finer than any model Open-Meteo serves. */
    static final double GRID = 0.01;
    static final String DAILY = "temperature_2m_max,temperature_2m_min,shortwave_radiation_sum,precipitation_sum,"
            + "et0_fao_evapotranspiration";
    static final String HOURLY = "temperature_2m,relative_humidity_2m,dew_point_2m,wind_speed_10m,"
            + "shortwave_radiation,precipitation";

    /** The parsed answer. */
    record Response(ZoneId zone, Elevation elevation, LocalDate[] days, Map<String, double[]> daily,
            LocalDateTime[] hours, Map<String, double[]> hourly) {
    }

    private final String path;

    OpenMeteoSource(SourceId id, Settings settings, HttpGateway http, DailyProcessing processing) {
        super(id, settings, http, processing);
        this.path = id == SourceId.OPEN_METEO_ARCHIVE ? "/v1/archive" : "/v1/forecast";
    }

    @Override
    GeoPoint grid(GeoPoint point) {
        return point.snapped(GRID, GRID);
    }

    @Override
    Raw raw(WeatherRequest request, FetchObserver observer) {
        GeoPoint grid = grid(request.point());
        DailyTable table = new DailyTable(request.start(), request.days());
        for (Variable v : List.of(Variable.TMAX, Variable.TMIN, Variable.TMEAN, Variable.RH_MAX, Variable.RH_MIN,
                Variable.RH_MEAN, Variable.TDEW, Variable.WIND_SPEED_10M, Variable.SOLAR_RADIATION,
                Variable.PRECIPITATION, Variable.SOURCE_ETO)) {
            table.provide(v);
        }
        ZoneId zone = request.zone().orElse(null);
        Elevation elevation = null;
        List<LocalDate[]> chunks = split(request.start(), request.end(), chunkDays());
        for (int c = 0; c < chunks.size(); c++) {
            checkCancelled(observer);
            Response r = fetch(grid, chunks.get(c)[0], chunks.get(c)[1], request, observer);
            zone = zone != null ? zone : r.zone();
            elevation = elevation != null ? elevation : r.elevation();
            copyDaily(r, "temperature_2m_max", Variable.TMAX, table);
            copyDaily(r, "temperature_2m_min", Variable.TMIN, table);
            copyDaily(r, "shortwave_radiation_sum", Variable.SOLAR_RADIATION, table);
            copyDaily(r, "precipitation_sum", Variable.PRECIPITATION, table);
            copyDaily(r, "et0_fao_evapotranspiration", Variable.SOURCE_ETO, table);
            aggregateHourly(r, table);
            observer.chunkDone(id, c + 1, chunks.size());
        }
        return new Raw(table, request.point(), grid, zone == null ? ZoneOffset.UTC : zone, elevation);
    }

    private static void copyDaily(Response r, String name, Variable v, DailyTable table) {
        double[] values = r.daily().get(name);
        if (values == null) {
            return;
        }
        for (int i = 0; i < r.days().length; i++) {
            if (table.contains(r.days()[i])) {
                table.set(table.index(r.days()[i]), v, values[i]);
            }
        }
    }

    private static void aggregateHourly(Response r, DailyTable table) {
        TreeMap<LocalDate, DayAggregate[]> days = new TreeMap<>();
        String[] names = {"temperature_2m", "relative_humidity_2m", "dew_point_2m", "wind_speed_10m"};
        for (int h = 0; h < r.hours().length; h++) {
            DayAggregate[] day = days.computeIfAbsent(r.hours()[h].toLocalDate(), k -> new DayAggregate[] {
                new DayAggregate(), new DayAggregate(), new DayAggregate(), new DayAggregate()});
            for (int n = 0; n < names.length; n++) {
                double[] values = r.hourly().get(names[n]);
                if (values != null) {
                    day[n].add(values[h]);
                }
            }
        }
        days.forEach((date, a) -> {
            if (!table.contains(date)) {
                return;
            }
            int d = table.index(date);
            put(table, d, Variable.TMEAN, a[0].mean());
            put(table, d, Variable.RH_MAX, a[1].max());
            put(table, d, Variable.RH_MIN, a[1].min());
            put(table, d, Variable.RH_MEAN, a[1].mean());
            put(table, d, Variable.TDEW, a[2].mean());
            put(table, d, Variable.WIND_SPEED_10M, a[3].mean());
        });
    }

    private static void put(DailyTable table, int d, Variable v, double value) {
        table.set(d, v, value);
        if (!Double.isNaN(value)) {
            table.flag(d, v, ValueFlag.AGGREGATED_FROM_HOURLY);
        }
    }

    @Override
    public HourlySeries hourly(WeatherRequest request, FetchObserver observer) {
        GeoPoint grid = grid(request.point());
        ZoneId zone = request.zone().orElse(null);
        Elevation elevation = null;
        TreeMap<Instant, double[]> rows = new TreeMap<>();
        String[] names = HOURLY.split(",");
        List<LocalDate[]> chunks = split(request.start(), request.end(), chunkDays());
        for (int c = 0; c < chunks.size(); c++) {
            checkCancelled(observer);
            Response r = fetch(grid, chunks.get(c)[0], chunks.get(c)[1], request, observer);
            zone = zone != null ? zone : r.zone();
            elevation = elevation != null ? elevation : r.elevation();
            for (int h = 0; h < r.hours().length; h++) {
                double[] row = new double[names.length];
                for (int n = 0; n < names.length; n++) {
                    double[] values = r.hourly().get(names[n]);
                    row[n] = values == null ? Double.NaN : values[h];
                }
                rows.put(r.hours()[h].atZone(r.zone()).toInstant(), row);
            }
            observer.chunkDone(id, c + 1, chunks.size());
        }
        Instant[] times = rows.keySet().toArray(new Instant[0]);
        double[][] table = rows.values().toArray(new double[0][]);
        EnumMap<HourlyVariable, double[]> values = new EnumMap<>(HourlyVariable.class);
        HourlyVariable[] state = {HourlyVariable.AIR_TEMPERATURE, HourlyVariable.RELATIVE_HUMIDITY,
            HourlyVariable.TDEW, HourlyVariable.WIND_SPEED_10M};
        for (int n = 0; n < state.length; n++) {
            double[] column = new double[times.length];
            for (int i = 0; i < times.length; i++) {
                column[i] = table[i][n];
            }
            values.put(state[n], column);
        }
        // Open-Meteo stamps radiation and precipitation at the end of the hour they cover; eto4j at its start.
        double[] rs = new double[times.length];
        double[] rain = new double[times.length];
        for (int i = 0; i < times.length; i++) {
            boolean next = i + 1 < times.length && times[i + 1].equals(times[i].plusSeconds(3600));
            // Mean W m⁻² over one hour × 3600 s = J m⁻²; × 1e-6 = MJ m⁻².
            rs[i] = next ? table[i + 1][4] * 0.0036 : Double.NaN;
            rain[i] = next ? table[i + 1][5] : Double.NaN;
        }
        values.put(HourlyVariable.SOLAR_RADIATION, rs);
        values.put(HourlyVariable.PRECIPITATION, rain);
        return new HourlySeries(id, grid, zone == null ? ZoneOffset.UTC : zone, elevation, times, values);
    }

    private Response fetch(GeoPoint grid, LocalDate s, LocalDate e, WeatherRequest request, FetchObserver observer) {
        String timezone = request.zone().map(ZoneId::getId).orElse("auto");
        URI uri = URI.create(settings.baseUrl(id) + path + "?latitude=" + coordinate(grid.latitudeDegrees())
                + "&longitude=" + coordinate(grid.longitudeDegrees()) + "&start_date=" + s + "&end_date=" + e
                + "&daily=" + DAILY + "&hourly=" + HOURLY + "&timezone="
                + URLEncoder.encode(timezone, StandardCharsets.UTF_8) + "&wind_speed_unit=ms");
        CacheKey key = new CacheKey(id.token(), path + "?timezone=" + timezone, grid.latitudeDegrees(),
                grid.longitudeDegrees(), s, e);
        return http.get(uri, key, ttl(e), false, this::parse, observer);
    }

    Response parse(String body) {
        JsonNode root = Json.read(id, body);
        ZoneId zone;
        try {
            zone = root.path("timezone").isTextual() ? ZoneId.of(root.path("timezone").asText())
                    : ZoneOffset.ofTotalSeconds(root.path("utc_offset_seconds").asInt(0));
        } catch (DateTimeException ex) {
            zone = ZoneOffset.ofTotalSeconds(root.path("utc_offset_seconds").asInt(0));
        }
        Elevation elevation = null;
        JsonNode el = root.path("elevation");
        if (el.isNumber() && el.doubleValue() >= -500 && el.doubleValue() <= 9000) {
            elevation = new Elevation(el.doubleValue(), Elevation.Origin.SOURCE);
        }
        JsonNode daily = Json.require(id, root, "/daily");
        JsonNode dailyTime = Json.require(id, daily, "/time");
        LocalDate[] days = new LocalDate[dailyTime.size()];
        for (int i = 0; i < days.length; i++) {
            try {
                days[i] = LocalDate.parse(dailyTime.get(i).asText());
            } catch (DateTimeParseException ex) {
                throw Json.malformed(id, "bad daily.time[" + i + "]");
            }
        }
        Map<String, double[]> dailyValues = columns(daily, DAILY.split(","), days.length, "daily");
        JsonNode hourly = Json.require(id, root, "/hourly");
        JsonNode hourlyTime = Json.require(id, hourly, "/time");
        LocalDateTime[] hours = new LocalDateTime[hourlyTime.size()];
        for (int i = 0; i < hours.length; i++) {
            try {
                hours[i] = LocalDateTime.parse(hourlyTime.get(i).asText());
            } catch (DateTimeParseException ex) {
                throw Json.malformed(id, "bad hourly.time[" + i + "]");
            }
        }
        Map<String, double[]> hourlyValues = columns(hourly, HOURLY.split(","), hours.length, "hourly");
        scaleWind(root.at("/hourly_units/wind_speed_10m").asText("m/s"), hourlyValues.get("wind_speed_10m"));
        String rsUnit = root.at("/daily_units/shortwave_radiation_sum").asText("MJ/m²");
        if (!rsUnit.toLowerCase(Locale.ROOT).startsWith("mj")) {
            throw Json.malformed(id, "unknown units for shortwave_radiation_sum: " + rsUnit);
        }
        return new Response(zone, elevation, days, dailyValues, hours, hourlyValues);
    }

    private Map<String, double[]> columns(JsonNode block, String[] names, int length, String where) {
        Map<String, double[]> columns = new HashMap<>();
        for (String name : names) {
            JsonNode array = block.path(name);
            if (array.isMissingNode()) {
                continue;
            }
            if (!array.isArray() || array.size() != length) {
                throw Json.malformed(id, where + "." + name + " is not an array of " + length + " values");
            }
            double[] values = new double[length];
            for (int i = 0; i < length; i++) {
                values[i] = Json.number(id, array.get(i), where + "." + name + "[" + i + "]");
            }
            columns.put(name, values);
        }
        return columns;
    }

    private void scaleWind(String unit, double[] wind) {
        if (wind == null) {
            return;
        }
        double factor = switch (unit.replace(" ", "").toLowerCase(Locale.ROOT)) {
            case "m/s" -> 1;
            case "km/h" -> 1 / 3.6;
            default -> throw Json.malformed(id, "unknown units for wind_speed_10m: " + unit);
        };
        for (int i = 0; i < wind.length; i++) {
            wind[i] *= factor;
        }
    }
}
