package org.eto4j.sources;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;

/**
 * MET Norway Locationforecast 2.0, {@code /weatherapi/locationforecast/2.0/complete}.
 *
 * <p>The answer is GeoJSON: {@code properties.timeseries[]} with {@code time} (UTC),
 * {@code data.instant.details} ({@code air_temperature}, {@code relative_humidity}, {@code wind_speed} at 10 m,
 * {@code dew_point_temperature}) and {@code data.next_1_hours} / {@code next_6_hours} with
 * {@code precipitation_amount} and, for six hours, {@code air_temperature_max/min}. Steps are hourly for
 * about 2.5 days, then 6-hourly. MET's terms ask for an identifying User-Agent, caching until the
 * {@code Expires} header and {@code If-Modified-Since} on the next request; the gateway does all three.
 * MET gives no solar radiation: daily Rs stays missing and eto-core estimates it from the temperature range.
 */
final class MetNorwaySource extends HttpSource {
    /** The terms ask for at most 4 decimals; 0.01° (about 1 km) is finer than the 2.5 km model grid. */
    static final double GRID = 0.01;
    /** The longest step the answer uses; a longer hole means the day is not covered. */
    static final Duration MAX_STEP = Duration.ofHours(6);

    /** One time step of the answer. */
    record Step(Instant time, double temperature, double humidity, double wind, double dewPoint,
            double precipitation1h, double precipitation6h, double temperatureMax6h, double temperatureMin6h) {
    }

    /** The parsed answer. */
    record Response(Elevation elevation, List<Step> steps) {
    }

    MetNorwaySource(Settings settings, HttpGateway http, DailyProcessing processing) {
        super(SourceId.MET_NORWAY, settings, http, processing);
    }

    @Override
    GeoPoint grid(GeoPoint point) {
        return point.snapped(GRID, GRID);
    }

    @Override
    public int chunks(WeatherRequest request) {
        return 1;
    }

    private Response fetch(GeoPoint grid, FetchObserver observer) {
        checkCancelled(observer);
        URI uri = URI.create(settings.baseUrl(id) + "/weatherapi/locationforecast/2.0/complete?lat="
                + coordinate(grid.latitudeDegrees()) + "&lon=" + coordinate(grid.longitudeDegrees()));
        // One answer serves every period, so the key has no dates.
        CacheKey key = new CacheKey(id.token(), "complete", grid.latitudeDegrees(), grid.longitudeDegrees(),
                null, null);
        Response r = http.get(uri, key, settings.forecastTtl(), true, this::parse, observer);
        observer.chunkDone(id, 1, 1);
        return r;
    }

    @Override
    Raw raw(WeatherRequest request, FetchObserver observer) {
        GeoPoint grid = grid(request.point());
        ZoneId zone = request.zone().orElse(solarOffset(grid.longitudeDegrees()));
        Response r = fetch(grid, observer);
        DailyTable table = new DailyTable(request.start(), request.days());
        for (Variable v : List.of(Variable.TMAX, Variable.TMIN, Variable.TMEAN, Variable.RH_MAX, Variable.RH_MIN,
                Variable.RH_MEAN, Variable.TDEW, Variable.WIND_SPEED_10M, Variable.PRECIPITATION)) {
            table.provide(v);
        }
        boolean any = false;
        for (int d = 0; d < table.size; d++) {
            LocalDate date = table.start.plusDays(d);
            any |= aggregateDay(r.steps(), startOf(date, zone), startOf(date.plusDays(1), zone), table, d);
        }
        if (!any) {
            throw new SourceException(SourceErrorCode.PERIOD_NOT_COVERED, id.token(), request.start(), request.end());
        }
        return new Raw(table, request.point(), grid, zone, r.elevation());
    }

    /** Aggregates one local day; false when the steps do not cover it without a hole longer than six hours. */
    private static boolean aggregateDay(List<Step> steps, Instant dayStart, Instant dayEnd, DailyTable t, int d) {
        List<Integer> in = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            Instant time = steps.get(i).time();
            if (!time.isBefore(dayStart) && time.isBefore(dayEnd)) {
                in.add(i);
            }
        }
        if (in.isEmpty()) {
            return false;
        }
        Instant first = steps.get(in.get(0)).time();
        Instant last = steps.get(in.get(in.size() - 1)).time();
        if (Duration.between(dayStart, first).compareTo(MAX_STEP) > 0
                || Duration.between(last, dayEnd).compareTo(MAX_STEP) > 0) {
            return false;
        }
        double wSum = 0, tSum = 0, rhSum = 0, tdSum = 0, windSum = 0, tdW = 0, windW = 0, rhW = 0, tW = 0;
        double tMax = Double.NEGATIVE_INFINITY, tMin = Double.POSITIVE_INFINITY;
        double rhMax = Double.NEGATIVE_INFINITY, rhMin = Double.POSITIVE_INFINITY;
        for (int k = 0; k < in.size(); k++) {
            int i = in.get(k);
            Step s = steps.get(i);
            Instant next = i + 1 < steps.size() ? steps.get(i + 1).time() : s.time().plus(MAX_STEP);
            if (Duration.between(s.time(), next).compareTo(MAX_STEP) > 0) {
                return false;
            }
            // Each instant stands for the interval up to the next step (time-weighted mean over mixed steps).
            double w = Duration.between(s.time(), next.isAfter(dayEnd) ? dayEnd : next).toSeconds();
            wSum += w;
            if (!Double.isNaN(s.temperature())) {
                tSum += w * s.temperature();
                tW += w;
                tMax = Math.max(tMax, s.temperature());
                tMin = Math.min(tMin, s.temperature());
            }
            if (!Double.isNaN(s.humidity())) {
                rhSum += w * s.humidity();
                rhW += w;
                rhMax = Math.max(rhMax, s.humidity());
                rhMin = Math.min(rhMin, s.humidity());
            }
            if (!Double.isNaN(s.dewPoint())) {
                tdSum += w * s.dewPoint();
                tdW += w;
            }
            if (!Double.isNaN(s.wind())) {
                windSum += w * s.wind();
                windW += w;
            }
            if (!s.time().plus(MAX_STEP).isAfter(dayEnd)) {
                // Six-hour extremes catch the peak between 6-hourly instants.
                if (!Double.isNaN(s.temperatureMax6h())) {
                    tMax = Math.max(tMax, s.temperatureMax6h());
                }
                if (!Double.isNaN(s.temperatureMin6h())) {
                    tMin = Math.min(tMin, s.temperatureMin6h());
                }
            }
        }
        // A variable counts only when its samples cover at least 3/4 of the day's weighted time.
        double needed = 0.75 * wSum;
        if (tW >= needed && tW > 0) {
            put(t, d, Variable.TMEAN, tSum / tW);
            put(t, d, Variable.TMAX, tMax);
            put(t, d, Variable.TMIN, tMin);
        }
        if (rhW >= needed && rhW > 0) {
            put(t, d, Variable.RH_MEAN, rhSum / rhW);
            put(t, d, Variable.RH_MAX, rhMax);
            put(t, d, Variable.RH_MIN, rhMin);
        }
        if (tdW >= needed && tdW > 0) {
            put(t, d, Variable.TDEW, tdSum / tdW);
        }
        if (windW >= needed && windW > 0) {
            put(t, d, Variable.WIND_SPEED_10M, windSum / windW);
        }
        put(t, d, Variable.PRECIPITATION, precipitation(steps, dayStart, dayEnd));
        return true;
    }

    /**
     * Sums hourly, then 6-hourly, amounts that tile the day exactly; NaN when they do not (a step straddles midnight).
     */
    private static double precipitation(List<Step> steps, Instant dayStart, Instant dayEnd) {
        Instant cursor = dayStart;
        double sum = 0;
        int i = 0;
        while (cursor.isBefore(dayEnd)) {
            while (i < steps.size() && steps.get(i).time().isBefore(cursor)) {
                i++;
            }
            if (i == steps.size() || !steps.get(i).time().equals(cursor)) {
                return Double.NaN;
            }
            Step s = steps.get(i);
            if (!Double.isNaN(s.precipitation1h())) {
                sum += s.precipitation1h();
                cursor = cursor.plusSeconds(3600);
            } else if (!Double.isNaN(s.precipitation6h()) && !cursor.plus(MAX_STEP).isAfter(dayEnd)) {
                sum += s.precipitation6h();
                cursor = cursor.plus(MAX_STEP);
            } else {
                return Double.NaN;
            }
        }
        return sum;
    }

    private static void put(DailyTable t, int d, Variable v, double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return;
        }
        t.set(d, v, value);
        t.flag(d, v, ValueFlag.AGGREGATED_FROM_HOURLY);
    }

    @Override
    public HourlySeries hourly(WeatherRequest request, FetchObserver observer) {
        GeoPoint grid = grid(request.point());
        ZoneId zone = request.zone().orElse(solarOffset(grid.longitudeDegrees()));
        Response r = fetch(grid, observer);
        Instant from = startOf(request.start(), zone);
        Instant to = startOf(request.end().plusDays(1), zone);
        List<Step> in = r.steps().stream().filter(s -> !s.time().isBefore(from) && s.time().isBefore(to)).toList();
        Instant[] times = in.stream().map(Step::time).toArray(Instant[]::new);
        EnumMap<HourlyVariable, double[]> values = new EnumMap<>(HourlyVariable.class);
        values.put(HourlyVariable.AIR_TEMPERATURE, in.stream().mapToDouble(Step::temperature).toArray());
        values.put(HourlyVariable.RELATIVE_HUMIDITY, in.stream().mapToDouble(Step::humidity).toArray());
        values.put(HourlyVariable.TDEW, in.stream().mapToDouble(Step::dewPoint).toArray());
        values.put(HourlyVariable.WIND_SPEED_10M, in.stream().mapToDouble(Step::wind).toArray());
        values.put(HourlyVariable.PRECIPITATION, in.stream().mapToDouble(Step::precipitation1h).toArray());
        return new HourlySeries(id, grid, zone, r.elevation(), times, values);
    }

    Response parse(String body) {
        JsonNode root = Json.read(id, body);
        JsonNode series = Json.require(id, root, "/properties/timeseries");
        if (!series.isArray()) {
            throw Json.malformed(id, "properties.timeseries is not an array");
        }
        List<Step> steps = new ArrayList<>(series.size());
        Instant previous = Instant.MIN;
        for (int i = 0; i < series.size(); i++) {
            JsonNode s = series.get(i);
            Instant time;
            try {
                time = Instant.parse(Json.require(id, s, "/time").asText());
            } catch (DateTimeParseException ex) {
                throw Json.malformed(id, "bad timeseries[" + i + "].time");
            }
            if (!time.isAfter(previous)) {
                throw Json.malformed(id, "timeseries[" + i + "].time out of order");
            }
            previous = time;
            JsonNode instant = Json.require(id, s, "/data/instant/details");
            String at = "timeseries[" + i + "]";
            steps.add(new Step(time,
                    Json.number(id, instant.get("air_temperature"), at),
                    Json.number(id, instant.get("relative_humidity"), at),
                    Json.number(id, instant.get("wind_speed"), at),
                    Json.number(id, instant.get("dew_point_temperature"), at),
                    Json.number(id, s.at("/data/next_1_hours/details/precipitation_amount"), at),
                    Json.number(id, s.at("/data/next_6_hours/details/precipitation_amount"), at),
                    Json.number(id, s.at("/data/next_6_hours/details/air_temperature_max"), at),
                    Json.number(id, s.at("/data/next_6_hours/details/air_temperature_min"), at)));
        }
        Elevation elevation = null;
        JsonNode coordinates = root.at("/geometry/coordinates");
        if (coordinates.isArray() && coordinates.size() >= 3 && coordinates.get(2).isNumber()) {
            double metres = coordinates.get(2).doubleValue();
            if (metres >= -500 && metres <= 9000) {
                elevation = new Elevation(metres, Elevation.Origin.SOURCE);
            }
        }
        return new Response(elevation, steps);
    }
}
