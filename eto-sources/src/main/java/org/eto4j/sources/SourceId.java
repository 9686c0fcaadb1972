package org.eto4j.sources;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The weather sources eto-sources can read. Each has a stable token (used by the CLI's {@code --source}).
 */
public enum SourceId {
    /** NASA POWER daily and hourly point API (community AG), MERRA-2 and CERES, 1981 to a few days ago. */
    NASA_POWER("nasa-power", "https://power.larc.nasa.gov",
            "Data obtained from the NASA Langley Research Center (LaRC) POWER Project funded through the NASA "
                    + "Earth Science/Applied Science Program.",
            false),
    /** Open-Meteo historical weather API (ERA5 and ERA5-Land reanalysis), 1940 to about five days ago. */
    OPEN_METEO_ARCHIVE("open-meteo-archive", "https://archive-api.open-meteo.com",
            "Weather data by Open-Meteo.com (CC BY 4.0); ERA5 reanalysis by Copernicus Climate Change Service.",
            false),
    /** Open-Meteo forecast API: up to 92 past days and 16 forecast days from national weather models. */
    OPEN_METEO_FORECAST("open-meteo-forecast", "https://api.open-meteo.com",
            "Weather data by Open-Meteo.com (CC BY 4.0).", true),
    /** MET Norway Locationforecast 2.0: about 9 days ahead, hourly then 6-hourly. */
    MET_NORWAY("met-norway", "https://api.met.no",
            "Data from The Norwegian Meteorological Institute (MET Norway), CC BY 4.0 and NLOD 2.0.", true);

    private final String token;
    private final String defaultBaseUrl;
    private final String attribution;
    private final boolean forecast;

    SourceId(String token, String defaultBaseUrl, String attribution, boolean forecast) {
        this.token = token;
        this.defaultBaseUrl = defaultBaseUrl;
        this.attribution = attribution;
        this.forecast = forecast;
    }

    /** The stable lower-case token, e.g. {@code nasa-power}. */
    public String token() {
        return token;
    }

    /** The public service's base URL, used unless {@link WeatherSources.Builder#baseUrl} overrides it. */
    public String defaultBaseUrl() {
        return defaultBaseUrl;
    }

    /**
     * The attribution the source's licence asks users to show with the data (quoted from the provider's terms;
     * it is licence text, not a translatable message).
     */
    public String attribution() {
        return attribution;
    }

    /** Whether the source serves forecasts (short cache lifetime) rather than an archive. */
    public boolean forecast() {
        return forecast;
    }

    /**
     * Finds a source by its token, ignoring case.
     *
     * @param token a token such as {@code open-meteo-archive}
     * @return the source, or empty when the token is unknown
     */
    public static Optional<SourceId> fromToken(String token) {
        if (token == null) {
            return Optional.empty();
        }
        String t = token.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.token.equals(t)).findFirst();
    }
}
