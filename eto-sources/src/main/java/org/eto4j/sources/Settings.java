package org.eto4j.sources;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Random;

/** The validated, immutable options of a {@link WeatherSources}; see its builder for meanings. */
record Settings(
        EnumMap<SourceId, String> baseUrls,
        String elevationBaseUrl,
        Duration connectTimeout,
        Duration readTimeout,
        int maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff,
        Duration maxRetryAfter,
        EnumMap<SourceId, Duration> minRequestIntervals,
        Duration elevationMinRequestInterval,
        EnumMap<SourceId, Integer> chunkDays,
        long cacheMaximumSize,
        Duration forecastTtl,
        Duration recentTtl,
        Duration archiveTtl,
        int recentWindowDays,
        Duration staleRetention,
        int maxGapDays,
        String userAgent,
        Clock clock,
        Sleeper sleeper,
        Random random,
        HttpClient httpClient) {

    String baseUrl(SourceId id) {
        String url = baseUrls.getOrDefault(id, id.defaultBaseUrl());
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
