package org.eto4j.sources;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** What every HTTP weather client shares: settings, gateway, processing, chunking and cache lifetimes. */
abstract class HttpSource implements WeatherSource {
    final SourceId id;
    final Settings settings;
    final HttpGateway http;
    final DailyProcessing processing;

    HttpSource(SourceId id, Settings settings, HttpGateway http, DailyProcessing processing) {
        this.id = id;
        this.settings = settings;
        this.http = http;
        this.processing = processing;
    }

    @Override
    public SourceId id() {
        return id;
    }

    /** A source's daily columns as delivered (converted to eto4j's units), before quality control and filling. */
    record Raw(DailyTable table, GeoPoint requested, GeoPoint grid, ZoneId zone, Elevation elevation) {
        /** Applies quality control, wind conversion and gap filling, and freezes the result. */
        DailySeries process(SourceId id, DailyProcessing processing) {
            processing.apply(table, requested);
            return table.freeze(id, requested, grid, zone, elevation);
        }
    }

    /** Downloads (or reads from the cache) the request's days, without processing them. */
    abstract Raw raw(WeatherRequest request, FetchObserver observer);

    @Override
    public DailySeries daily(WeatherRequest request, FetchObserver observer) {
        return raw(request, observer).process(id, processing);
    }

    /** The point as this source's grid sees it: the cache key and the coordinates sent. */
    abstract GeoPoint grid(GeoPoint point);

    /** The days one request may span. */
    int chunkDays() {
        return settings.chunkDays().get(id);
    }

    @Override
    public int chunks(WeatherRequest request) {
        return split(request.start(), request.end(), chunkDays()).size();
    }

    /**
     * How long an answer about the days up to {@code end} stays fresh: forecasts briefly, recent days (which
     * reanalyses and near-real-time products still revise) for hours, the settled archive for weeks.
     */
    Duration ttl(LocalDate end) {
        if (id.forecast()) {
            return settings.forecastTtl();
        }
        LocalDate today = LocalDate.ofInstant(settings.clock().instant(), ZoneOffset.UTC);
        return end.isBefore(today.minusDays(settings.recentWindowDays())) ? settings.archiveTtl()
                : settings.recentTtl();
    }

    static List<LocalDate[]> split(LocalDate start, LocalDate end, int chunkDays) {
        List<LocalDate[]> chunks = new ArrayList<>();
        LocalDate s = start;
        while (!s.isAfter(end)) {
            LocalDate e = s.plusDays(chunkDays - 1L);
            if (e.isAfter(end)) {
                e = end;
            }
            chunks.add(new LocalDate[] {s, e});
            s = e.plusDays(1);
        }
        return chunks;
    }

    /** Local solar time as a fixed offset: longitude/15 hours, to the second. */
    static ZoneOffset solarOffset(double longitudeDegrees) {
        return ZoneOffset.ofTotalSeconds((int) Math.round(longitudeDegrees * 240));
    }

    static Instant startOf(LocalDate day, ZoneId zone) {
        return day.atStartOfDay(zone).toInstant();
    }

    void checkCancelled(FetchObserver observer) {
        if (observer.cancelled()) {
            throw new SourceException(SourceErrorCode.CANCELLED, id.token());
        }
    }

    static String coordinate(double degrees) {
        return java.math.BigDecimal.valueOf(degrees).stripTrailingZeros().toPlainString();
    }
}
