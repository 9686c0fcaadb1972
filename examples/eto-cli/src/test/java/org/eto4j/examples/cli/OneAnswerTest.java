package org.eto4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.eto4j.core.Fao56;
import org.eto4j.core.ValidationMode;
import org.eto4j.i18n.CsvDialect;
import org.eto4j.sources.DailyCsv;
import org.eto4j.sources.Elevation;
import org.eto4j.sources.FetchObserver;
import org.eto4j.sources.GeoPoint;
import org.eto4j.sources.PointEto;
import org.eto4j.sources.PointEtoSeries;
import org.eto4j.sources.SourceId;
import org.eto4j.sources.TmeanRule;
import org.eto4j.sources.WeatherRequest;
import org.eto4j.sources.WeatherSources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One answer per input across every entry point: the same NASA POWER days give the same printed ETo, character
 * for character, from {@code eto-cli daily --input}, from {@code eto-cli daily --source}, from eto-sources'
 * {@code PointEto} + {@code DailyCsv} called directly, and from the call the web app's CSV export makes
 * ({@code CsvDialect.forLocale(locale).number(eto, 4)}), under either daily mean temperature rule.
 */
class OneAnswerTest {
    private static final String LATITUDE = "-22.71";
    private static final String LONGITUDE = "-47.63";
    /** POWER's own elevation for the fixture's cell, given explicitly so that every path uses the same one. */
    private static final String ELEVATION = "546.79";
    private static final LocalDate START = LocalDate.of(2023, 1, 1);
    private static final LocalDate END = LocalDate.of(2023, 1, 5);

    private HttpServer server;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = fixture();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static byte[] fixture() throws java.io.IOException {
        try (InputStream in = OneAnswerTest.class.getResourceAsStream("/fixtures/nasa-power-daily.json")) {
            return in.readAllBytes();
        }
    }

    /** eto-sources called directly, as a host application would: PointEto, then DailyCsv. */
    private PointEtoSeries sourcesPath(TmeanRule rule, StringBuilder csv) {
        WeatherSources sources = WeatherSources.builder().userAgent("eto4j-tests/1.0 (tests@eto4j.org)")
                .baseUrl(SourceId.NASA_POWER, baseUrl()).elevationBaseUrl(baseUrl()).build();
        PointEtoSeries series = PointEto.builder(sources)
                .fao56(Fao56.builder().validation(ValidationMode.LENIENT).build())
                .tmean(rule).build()
                .daily(SourceId.NASA_POWER, WeatherRequest.of(new GeoPoint(-22.71, -47.63), START, END),
                        Optional.of(new Elevation(Double.parseDouble(ELEVATION), Elevation.Origin.GIVEN)),
                        FetchObserver.NONE);
        DailyCsv.writeEto(series, csv);
        return series;
    }

    private MainTest.Outcome cliSource(TmeanRule rule) {
        return MainTest.run("", "daily", "--source", "nasa-power", "--latitude", LATITUDE, "--longitude", LONGITUDE,
                "--start", START.toString(), "--end", END.toString(), "--elevation", ELEVATION,
                "--base-url", baseUrl(), "--tmean", rule.token());
    }

    private static MainTest.Outcome cliInput(String csv, TmeanRule rule, String... more) {
        List<String> args = new ArrayList<>(List.of("daily", "--latitude", LATITUDE, "--elevation", ELEVATION,
                "--tmean", rule.token()));
        args.addAll(List.of(more));
        return MainTest.run(csv, args.toArray(String[]::new));
    }

    private static List<String> column(String csv, int column) {
        return csv.lines().skip(1).map(l -> l.split(",", -1)[column]).toList();
    }

    @ParameterizedTest
    @EnumSource(TmeanRule.class)
    void fetchedWeatherPrintsTheSameEtoThroughEveryEntryPoint(TmeanRule rule) {
        StringBuilder direct = new StringBuilder();
        PointEtoSeries series = sourcesPath(rule, direct);
        MainTest.Outcome viaSource = cliSource(rule);
        MainTest.Outcome fetched = MainTest.run("", "fetch", "--source", "nasa-power", "--latitude", LATITUDE,
                "--longitude", LONGITUDE, "--start", START.toString(), "--end", END.toString(),
                "--base-url", baseUrl());
        assertEquals(0, viaSource.status(), viaSource.err());
        assertEquals(0, fetched.status(), fetched.err());
        assertTrue(fetched.lines().get(0).contains(",tmean,"), "the measured mean travels with the weather");
        MainTest.Outcome viaInput = cliInput(fetched.out(), rule);
        assertEquals(0, viaInput.status(), viaInput.err());

        List<String> expected = column(direct.toString(), 1);
        assertEquals(5, expected.size());
        assertEquals(expected, column(viaSource.out(), 1), "eto-cli daily --source");
        assertEquals(expected, column(viaInput.out(), 1), "eto-cli fetch | eto-cli daily --input");
        for (int d = 0; d < expected.size(); d++) {
            double eto = series.days().get(d).etoMillimetres().orElseThrow();
            // The web app's ResultWriter: CsvDialect.forLocale(locale).number(eto, 4); English shown here.
            assertEquals(expected.get(d), CsvDialect.ENGLISH.number(eto, CsvDialect.DEFAULT_DECIMALS), "day " + d);
            assertTrue(expected.get(d).matches("\\d\\.\\d{4}"), expected.get(d));
            boolean flagged = rule == TmeanRule.FROM_EXTREMES;
            assertEquals(flagged, column(viaSource.out(), 2).get(d).contains("tmean_from_extremes"), "day " + d);
            assertEquals(flagged, column(viaInput.out(), 2).get(d).contains("tmean_from_extremes"), "day " + d);
        }
    }

    /**
     * The case: a CSV in NASA POWER's own names and fill value ({@code T2M} is the measured mean,
     * -999 missing) read by {@code daily --input}, against the same days downloaded by eto-sources. Days the
     * source path gap-filled (flagged {@code filled_linear}) are not the same input and are left out.
     */
    @ParameterizedTest
    @EnumSource(TmeanRule.class)
    void aNasaPowerCsvPrintsTheSameEtoAsTheSourcePath(TmeanRule rule) throws Exception {
        JsonNode parameter = new ObjectMapper().readTree(fixture()).path("properties").path("parameter");
        List<String> names = List.of("T2M_MAX", "T2M_MIN", "T2M", "RH2M", "WS2M", "ALLSKY_SFC_SW_DWN", "T2MDEW");
        StringBuilder csv = new StringBuilder("date," + String.join(",", names) + "\n");
        for (Iterator<String> days = parameter.path("T2M_MAX").fieldNames(); days.hasNext(); ) {
            String yyyymmdd = days.next();
            csv.append(LocalDate.parse(yyyymmdd, java.time.format.DateTimeFormatter.BASIC_ISO_DATE));
            for (String name : names) {
                JsonNode v = parameter.path(name).path(yyyymmdd);
                csv.append(',').append(v.isNull() ? "" : v.asText());
            }
            csv.append('\n');
        }
        StringBuilder direct = new StringBuilder();
        sourcesPath(rule, direct);
        MainTest.Outcome viaInput = cliInput(csv.toString(), rule, "--lenient");
        assertEquals(0, viaInput.status(), viaInput.err());

        List<String> expected = column(direct.toString(), 1);
        List<String> flags = column(direct.toString(), 2);
        List<String> printed = column(viaInput.out(), 1);
        int compared = 0;
        for (int d = 0; d < expected.size(); d++) {
            if (!flags.get(d).contains("filled_linear")) {
                assertEquals(expected.get(d), printed.get(d), "day " + d + " with --tmean " + rule.token());
                compared++;
            }
        }
        assertEquals(4, compared, "every day but the one whose Tmax the source path filled");
    }
}
