package org.eto4j.examples.webapp;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eto4j.fusion.FusionCalibration;
import org.eto4j.fusion.FusionException;
import org.eto4j.progress.TaskFactory;
import org.eto4j.sources.EtoTask;
import org.eto4j.sources.FusedPointEto;
import org.eto4j.sources.PointEto;
import org.eto4j.sources.SourceException;
import org.eto4j.sources.SourceId;
import org.eto4j.sources.WeatherSources;

/**
 * The "by location" mode: checks a body {@code {"mode":"location","latitude","longitude","start","end",
 * "source","elevation"?}} and makes the eto-sources {@link EtoTask} for it (download per chunk →
 * quality_control → compute → summarize), whose result becomes an {@link Outcome} in the shape of an uploaded
 * calculation's. {@code "source":"fused"} asks for NASA POWER and Open-Meteo fused under the shipped
 * {@code matopiba} calibration ({@link FusedLocationTask}); a point outside its region is refused at once with
 * eto-fusion's code and message. Every source and the elevation lookup use {@link WebAppConfig#sourcesBaseUrl()} when
 * set.
 */
final class LocationCalculations {
    /** The value of {@code mode} that selects this mode. */
    static final String MODE = "location";

    private final WeatherSources weatherSources;
    private final PointEto pointEto;
    private final FusedPointEto fused;
    private final TaskFactory factory;
    private final TaskFactory locationFactory;
    private final int maxDays;

    LocationCalculations(WebAppConfig config) {
        WeatherSources.Builder sources = WeatherSources.builder().userAgent(config.userAgent());
        if (!config.sourcesBaseUrl().isEmpty()) {
            for (SourceId id : SourceId.values()) {
                sources.baseUrl(id, config.sourcesBaseUrl());
            }
            sources.elevationBaseUrl(config.sourcesBaseUrl());
        }
        this.weatherSources = sources.build();
        this.pointEto = PointEto.builder(weatherSources).build();
        this.factory = EtoTask.factory(pointEto);
        this.fused = FusedPointEto.builder(weatherSources,
                FusionCalibration.named(FusedLocationTask.CALIBRATION)).build();
        this.locationFactory = LocationTask.factory(factory, fused, weatherSources);
        this.maxDays = config.maxLocationDays();
    }

    /** The weather sources every "by location" calculation downloads from (for their metrics). */
    WeatherSources weatherSources() {
        return weatherSources;
    }

    /** Whether a JSON body asks for this mode. */
    static boolean wants(JsonNode body) {
        return body != null && body.isObject() && MODE.equals(body.path("mode").asText(null));
    }

    /** The factory to register under {@link EtoTask#TYPE}. */
    TaskFactory taskFactory() {
        return locationFactory;
    }

    /**
     * Checks the body and makes the task's parameters (eto-sources checks them too, here, so that a bad value
     * is refused with {@code 400} before anything is queued).
     *
     * @param body the request body
     * @return the parameters to submit under {@link EtoTask#TYPE}
     * @throws ApiException for a missing or bad parameter, or a period over the limit (400)
     */
    Map<String, Object> parameters(JsonNode body) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("latitude", number(body, "latitude", true));
        parameters.put("longitude", number(body, "longitude", true));
        LocalDate start = date(body, "start");
        LocalDate end = date(body, "end");
        long days = ChronoUnit.DAYS.between(start, end) + 1;
        if (days < 1) {
            throw ApiException.forField(WebErrorCode.UNSUPPORTED_VALUE, "end", "end", end.toString());
        }
        if (days > maxDays) {
            throw ApiException.forField(WebErrorCode.PERIOD_TOO_LONG, "end", days, maxDays);
        }
        parameters.put("start", start.toString());
        parameters.put("end", end.toString());
        String token = text(body, "source");
        if (FusedLocationTask.TOKEN.equals(token)) {
            parameters.put("sources", List.of(FusedLocationTask.TOKEN));
        } else {
            SourceId source = SourceId.fromToken(token).orElseThrow(
                    () -> ApiException.forField(WebErrorCode.UNSUPPORTED_VALUE, "source", "source", token));
            parameters.put("sources", List.of(source.token()));
        }
        Double elevation = number(body, "elevation", false);
        if (elevation != null) {
            parameters.put("elevation", elevation);
        }
        try {
            locationFactory.create(parameters);
        } catch (SourceException e) {
            throw rejected(e);
        } catch (FusionException e) {
            // e.g. a point outside the calibration's region: refused before anything is downloaded.
            throw ApiException.forParameter(400, e.code().code(), e.messageKey(), e.args(), null);
        }
        return parameters;
    }

    /** A source's refusal of the request as the API's 400 answer, naming the parameter when it is one. */
    static ApiException rejected(SourceException e) {
        List<Object> args = e.args();
        String field = !args.isEmpty() && args.get(0) instanceof String s && s.matches("[a-z]+") ? s : null;
        return ApiException.forParameter(400, e.code().code(), e.messageKey(), args, field);
    }

    private static Double number(JsonNode body, String name, boolean required) {
        JsonNode v = body.get(name);
        if (v == null || v.isNull() || (v.isTextual() && v.asText().isBlank())) {
            if (required) {
                throw ApiException.forField(WebErrorCode.REQUIRED, name, name);
            }
            return null;
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        try {
            // The page sends what was typed; a decimal comma is accepted as in the station form.
            return Double.parseDouble(v.asText().trim().replace(',', '.'));
        } catch (NumberFormatException e) {
            throw ApiException.forField(WebErrorCode.NOT_A_NUMBER, name, name);
        }
    }

    private static String text(JsonNode body, String name) {
        JsonNode v = body.get(name);
        if (v == null || v.isNull() || v.asText().isBlank()) {
            throw ApiException.forField(WebErrorCode.REQUIRED, name, name);
        }
        return v.asText().trim();
    }

    private static LocalDate date(JsonNode body, String name) {
        String v = text(body, name);
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw ApiException.forField(WebErrorCode.UNSUPPORTED_VALUE, name, name, v);
        }
    }
}
