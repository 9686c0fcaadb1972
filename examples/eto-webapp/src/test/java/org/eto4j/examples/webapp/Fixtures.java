package org.eto4j.examples.webapp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eto4j.core.DailyWeather;
import org.eto4j.core.Fao56;
import org.eto4j.core.Station;

/** Test data: the bundled NASA POWER series for Balsas-MA and eto-core's own results for it. */
final class Fixtures {
    /** The sample station (NASA POWER point data; latitude, longitude in degrees, elevation in metres). */
    static final double LATITUDE = -7.5312;
    static final double LONGITUDE = -46.0390;
    static final double ELEVATION = 256;
    static final int SAMPLE_DAYS = 1827;

    private Fixtures() {
    }

    static String sampleCsv() {
        try (InputStream in = Fixtures.class.getClassLoader()
                .getResourceAsStream("org/eto4j/examples/webapp/static/balsas-ma-2016-2020.csv")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * ETo per day straight from eto-core's {@link Fao56#daily(Station, DailyWeather)} for the sample, read
     * here independently of the web app (columns date, T2M_MAX, T2M_MIN, T2M, RH2M, WS2M, ALLSKY_SFC_SW_DWN).
     * The measured mean {@code T2M} is left out, as the app's default mean-temperature rule does (FAO-56's
     * standardisation, (Tmax + Tmin)/2); such days carry {@link #STANDARD_MEAN_FLAG}.
     */
    /** The flag of a day whose mean temperature is (Tmax + Tmin)/2, as every sample day's is by default. */
    static final String STANDARD_MEAN_FLAG = "tmean_from_extremes";

    static Map<LocalDate, Double> expectedSampleEto() {
        Station station = Station.of(LATITUDE, LONGITUDE, ELEVATION);
        Fao56 fao56 = Fao56.defaults();
        Map<LocalDate, Double> out = new LinkedHashMap<>();
        String[] lines = sampleCsv().split("\r?\n");
        if (!lines[0].equals("date,T2M_MAX,T2M_MIN,T2M,RH2M,WS2M,ALLSKY_SFC_SW_DWN")) {
            throw new IllegalStateException("unexpected sample header " + lines[0]);
        }
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            String[] c = lines[i].split(",");
            LocalDate date = LocalDate.parse(c[0]);
            DailyWeather day = DailyWeather.builder(date)
                    .tmax(Double.parseDouble(c[1])).tmin(Double.parseDouble(c[2]))
                    .rhMean(Double.parseDouble(c[4])).u2(Double.parseDouble(c[5])).rs(Double.parseDouble(c[6]))
                    .build();
            out.put(date, fao56.daily(station, day).eto());
        }
        return out;
    }

    /** The first {@code n} lines of the sample (header included). */
    static String sampleHead(int rows) {
        String[] lines = sampleCsv().split("\r?\n");
        List<String> out = new ArrayList<>();
        for (int i = 0; i <= rows && i < lines.length; i++) {
            out.add(lines[i]);
        }
        return String.join("\n", out) + "\n";
    }

    /** Half-up rounding from the shortest decimal form, as eto-i18n's browser and CSV formatters do. */
    static String fixed(double value, int decimals, char decimalSeparator) {
        String plain = BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
        return decimalSeparator == '.' ? plain : plain.replace('.', decimalSeparator);
    }
}
