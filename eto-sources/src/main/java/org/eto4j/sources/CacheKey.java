package org.eto4j.sources;

import java.time.LocalDate;

/**
 * What identifies one cached answer: the source and endpoint, the point rounded to the source's grid, and the
 * period ({@code null} ends for a forecast, whose answer does not depend on the period).
 */
record CacheKey(String source, String endpoint, double latitude, double longitude, LocalDate start, LocalDate end) {
}
