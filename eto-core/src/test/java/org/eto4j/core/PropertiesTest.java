package org.eto4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;

/** Properties over wide random valid inputs. */
class PropertiesTest {

    private static final Fao56 WITH_INTERMEDIATES = Fao56.builder().intermediates(true).build();

    /** A random valid day: each optional input is present or absent at random. */
    record Day(double latitude, double elevation, double windHeight, int doy, double tmin, double tmax,
               double tmean, double rhMax, double rhMin, double rhMean, double tdew, double ea, double uz,
               double u2, double rsFraction, double sunshineFraction) {

        Station station() {
            return new Station(latitude, Double.NaN, elevation, windHeight);
        }

        double ra() {
            return Radiation.extraterrestrialDaily(Math.toRadians(latitude), doy);
        }

        double daylight() {
            return SolarGeometry.daylightHours(SolarGeometry.sunsetHourAngle(Math.toRadians(latitude),
                    SolarGeometry.declination(doy)));
        }

        double rs() {
            return Double.isNaN(rsFraction) ? Double.NaN : rsFraction * ra();
        }

        double sunshine() {
            return Double.isNaN(sunshineFraction) ? Double.NaN : sunshineFraction * daylight();
        }

        DailyWeather weather() {
            return DailyWeather.builder(LocalDate.ofYearDay(2023, Math.min(doy, 365))).tmax(tmax).tmin(tmin)
                    .tmean(tmean).rhMax(rhMax).rhMin(rhMin).rhMean(rhMean).tdew(tdew).ea(ea).windSpeed(uz).u2(u2)
                    .rs(rs()).sunshineHours(sunshine()).build();
        }
    }

    private static Arbitrary<Double> maybe(Arbitrary<Double> a) {
        return a.injectNull(0.4).map(d -> d == null ? Double.NaN : d);
    }

    @Provide
    Arbitrary<Day> days() {
        Arbitrary<double[]> site = Combinators.combine(
                Arbitraries.doubles().between(-90, 90).ofScale(4).edgeCases(c -> c.add(90.0).add(-90.0).add(0.0)),
                Arbitraries.doubles().between(-400, 6000),
                Arbitraries.of(2.0, 0.5, 3.0, 10.0, 100.0),
                Arbitraries.integers().between(1, 365).map(Integer::doubleValue))
                .as((a, b, c, d) -> new double[] {a, b, c, d});
        Arbitrary<double[]> temps = Combinators.combine(
                Arbitraries.doubles().between(-50, 45),
                Arbitraries.doubles().between(0, 30),
                maybe(Arbitraries.doubles().between(0, 1)),
                Arbitraries.doubles().between(0, 25))
                .as((tmin, range, tmeanPos, dewDepression) -> new double[] {tmin, Math.min(60, tmin + range),
                        tmeanPos, dewDepression});
        Arbitrary<double[]> humidity = Combinators.combine(
                maybe(Arbitraries.doubles().between(0, 100)),
                maybe(Arbitraries.doubles().between(0, 1)),
                maybe(Arbitraries.doubles().between(0, 100)),
                Arbitraries.integers().between(0, 2),
                maybe(Arbitraries.doubles().between(0.01, 8)))
                .as((rhMax, rhMinFraction, rhMean, dewChoice, ea) -> new double[] {rhMax, rhMinFraction, rhMean,
                        dewChoice, ea});
        Arbitrary<double[]> windAndSun = Combinators.combine(
                maybe(Arbitraries.doubles().between(0, 40)),
                maybe(Arbitraries.doubles().between(0, 40)),
                maybe(Arbitraries.doubles().between(0, 1)),
                maybe(Arbitraries.doubles().between(0, 1)))
                .as((uz, u2, rsF, nF) -> new double[] {uz, u2, rsF, nF});
        return Combinators.combine(site, temps, humidity, windAndSun).as((s, t, h, w) -> {
            double tmin = t[0];
            double tmax = t[1];
            double tmean = Double.isNaN(t[2]) ? Double.NaN : tmin + t[2] * (tmax - tmin);
            double rhMin = Double.isNaN(h[0]) || Double.isNaN(h[1]) ? Double.NaN : h[0] * h[1];
            double tdew = h[3] == 0 ? tmin - t[3] : Double.NaN;
            if (tdew < -90) {
                tdew = -90;
            }
            return new Day(s[0], s[1], s[2], (int) s[3], tmin, tmax, tmean, h[0], rhMin, h[2], tdew, h[4], w[0],
                    w[1], w[2], w[3]);
        });
    }

    @Property(tries = 3000)
    void dailyIsAlwaysFinite(@ForAll("days") Day d) {
        EtoResult r = WITH_INTERMEDIATES.daily(d.station(), d.weather());
        assertTrue(Double.isFinite(r.eto()), () -> r + " for " + d);
        Intermediates i = r.intermediates().orElseThrow();
        for (double v : new double[] {i.ra(), i.rso(), i.rs(), i.relativeShortwave(), i.rns(), i.rnl(), i.rn(),
                i.g(), i.temperature(), i.delta(), i.gamma(), i.es(), i.ea(), i.u2(), i.pressure()}) {
            assertTrue(Double.isFinite(v), () -> i + " for " + d);
        }
        assertTrue(i.ra() >= 0 && i.rso() >= 0);
        assertTrue(r.isValid());
    }

    @Property(tries = 1000)
    void negativeEtoClippedOnlyOnRequest(@ForAll("days") Day d) {
        Fao56 clip = Fao56.builder().negativeEtoPolicy(NegativeEtoPolicy.CLIP_AT_ZERO).build();
        double kept = Fao56.defaults().daily(d.station(), d.weather()).eto();
        double clipped = clip.daily(d.station(), d.weather()).eto();
        assertEquals(Math.max(0.0, kept), clipped);
    }

    /**
     * ETo rises with Rs wherever the extra net shortwave outweighs the extra longwave loss that a clearer sky
     * brings in eq. 39: {@code 0.77 Rso > 1.35 σ T⁴ (0.34 − 0.14 √ea)}. (At low sun and warm, dry air more Rs
     * can lower FAO-56 ETo; that is the equation, not a defect.)
     */
    @Property(tries = 2000)
    void etoRisesWithSolarRadiation(@ForAll("days") Day d, @ForAll @DoubleRange(min = 0, max = 0.95) double f1,
                                    @ForAll @Scale(4) @DoubleRange(min = 0.001, max = 0.05) double step) {
        double ra = d.ra();
        Assume.that(ra > 1);
        DailyWeather base = d.weather();
        DailyWeather w1 = copyWithRs(base, f1 * ra);
        DailyWeather w2 = copyWithRs(base, (f1 + step) * ra);
        EtoResult r1 = WITH_INTERMEDIATES.daily(d.station(), w1);
        EtoResult r2 = WITH_INTERMEDIATES.daily(d.station(), w2);
        Intermediates i = r1.intermediates().orElseThrow();
        double k = Radiation.STEFAN_BOLTZMANN_DAILY
                * (Math.pow(d.tmax() + 273.16, 4) + Math.pow(d.tmin() + 273.16, 4)) / 2
                * (0.34 - 0.14 * Math.sqrt(i.ea()));
        Assume.that(0.77 * i.rso() > 1.35 * k);
        assertTrue(r2.eto() > r1.eto(), () -> r1.eto() + " then " + r2.eto() + " for " + d);
    }

    private static DailyWeather copyWithRs(DailyWeather w, double rs) {
        return new DailyWeather(w.date(), w.tmax(), w.tmin(), w.tmean(), w.rhMax(), w.rhMin(), w.rhMean(), w.tdew(),
                w.ea(), w.windSpeed(), w.u2(), rs, w.sunshineHours());
    }

    /** Eq. 6 and 53 rise with the vapour-pressure deficit (u2 &gt; 0) and with Rn − G, for all other terms fixed. */
    @Property(tries = 3000)
    void penmanMonteithRisesWithVpdAndEnergy(@ForAll @DoubleRange(min = -50, max = 60) double t,
                                             @ForAll @Scale(4) @DoubleRange(min = 0.001, max = 40) double u2,
                                             @ForAll @DoubleRange(min = -5, max = 40) double rn,
                                             @ForAll @DoubleRange(min = 0, max = 8) double vpd,
                                             @ForAll @Scale(4) @DoubleRange(min = 0.001, max = 2) double more,
                                             @ForAll @DoubleRange(min = 30, max = 110) double pressure,
                                             @ForAll boolean hourly) {
        double delta = VapourPressure.slope(t);
        double gamma = AtmosphericParameters.psychrometricConstant(pressure);
        double cn = hourly ? PenmanMonteith.CN_HOURLY : PenmanMonteith.CN_DAILY;
        double es = 10.0;
        double base = PenmanMonteith.eto(delta, gamma, rn, 0, t, u2, es, es - vpd, cn, 0.34);
        double drier = PenmanMonteith.eto(delta, gamma, rn, 0, t, u2, es, es - vpd - more, cn, 0.34);
        double sunnier = PenmanMonteith.eto(delta, gamma, rn + more, 0, t, u2, es, es - vpd, cn, 0.34);
        assertTrue(drier > base);
        assertTrue(sunnier > base);
    }

    /**
     * Through the whole calculator: a lower measured ea (larger deficit) raises ETo wherever the aerodynamic gain
     * outweighs the larger longwave loss of drier air in eq. 39 (sufficient condition computed below).
     */
    @Property(tries = 2000)
    void etoRisesWithVapourPressureDeficit(@ForAll("days") Day d, @ForAll @DoubleRange(min = 0.05, max = 5) double ea,
                                           @ForAll @Scale(4) @DoubleRange(min = 0.001, max = 0.5) double drop) {
        Assume.that(ea - drop > 0.01);
        DailyWeather base = d.weather();
        DailyWeather humid = new DailyWeather(base.date(), base.tmax(), base.tmin(), base.tmean(), Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, ea, base.windSpeed(), base.u2(), base.rs(), base.sunshineHours());
        DailyWeather dry = new DailyWeather(base.date(), base.tmax(), base.tmin(), base.tmean(), Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, ea - drop, base.windSpeed(), base.u2(), base.rs(),
                base.sunshineHours());
        EtoResult r1 = WITH_INTERMEDIATES.daily(d.station(), humid);
        EtoResult r2 = WITH_INTERMEDIATES.daily(d.station(), dry);
        Intermediates i = r2.intermediates().orElseThrow();
        double fcd = Math.max(0, 1.35 * i.relativeShortwave() - 0.35);
        double sigmaT4 = Radiation.STEFAN_BOLTZMANN_DAILY
                * (Math.pow(d.tmax() + 273.16, 4) + Math.pow(d.tmin() + 273.16, 4)) / 2;
        double radiativeLoss = 0.408 * i.delta() * sigmaT4 * 0.07 / Math.sqrt(ea - drop) * fcd;
        double aerodynamicGain = i.gamma() * 900 / (i.temperature() + 273) * i.u2();
        Assume.that(aerodynamicGain > radiativeLoss);
        assertTrue(i.vapourPressureDeficit() > r1.intermediates().orElseThrow().vapourPressureDeficit());
        assertTrue(r2.eto() > r1.eto(), () -> r1.eto() + " then " + r2.eto() + " for " + d);
    }

    @Property(tries = 300)
    void batchEqualsScalarBitForBit(@ForAll("dayLists") List<Day> days, @ForAll boolean lenient) {
        Fao56 fao = lenient ? Fao56.builder().validation(ValidationMode.LENIENT).build() : Fao56.defaults();
        Station station = days.get(0).station();
        int n = days.size();
        int[] doy = new int[n];
        double[][] c = new double[12][n];
        List<DailyWeather> weathers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            // Each row keeps its own weather but uses the first row's station.
            DailyWeather w = days.get(i).weather();
            if (lenient && i % 7 == 3) {
                w = new DailyWeather(w.date(), w.tmin() - 1, w.tmin(), w.tmean(), w.rhMax(), w.rhMin(), w.rhMean(),
                        w.tdew(), w.ea(), w.windSpeed(), w.u2(), Double.NaN, Double.NaN); // Tmin > Tmax
            }
            weathers.add(w);
            doy[i] = w.date().getDayOfYear();
            double[] row = {w.tmax(), w.tmin(), w.tmean(), w.rhMax(), w.rhMin(), w.rhMean(), w.tdew(), w.ea(),
                    w.windSpeed(), w.u2(), Double.NaN, Double.NaN};
            for (int k = 0; k < row.length; k++) {
                c[k][i] = row[k];
            }
        }
        // Radiation from the scalar weather, which was scaled for the row's own latitude: re-derive for the
        // shared station so that rows stay valid.
        double lat = Math.toRadians(station.latitudeDegrees());
        for (int i = 0; i < n; i++) {
            Day d = days.get(i);
            double ra = Radiation.extraterrestrialDaily(lat, doy[i]);
            double daylight = SolarGeometry.daylightHours(
                    SolarGeometry.sunsetHourAngle(lat, SolarGeometry.declination(doy[i])));
            c[10][i] = Double.isNaN(d.rsFraction()) ? Double.NaN : d.rsFraction() * ra;
            c[11][i] = Double.isNaN(d.sunshineFraction()) ? Double.NaN : d.sunshineFraction() * daylight;
            DailyWeather w = weathers.get(i);
            weathers.set(i, new DailyWeather(w.date(), w.tmax(), w.tmin(), w.tmean(), w.rhMax(), w.rhMin(),
                    w.rhMean(), w.tdew(), w.ea(), w.windSpeed(), w.u2(), c[10][i], c[11][i]));
        }
        DailyColumns cols = DailyColumns.builder(n, doy).tmax(c[0]).tmin(c[1]).tmean(c[2]).rhMax(c[3]).rhMin(c[4])
                .rhMean(c[5]).tdew(c[6]).ea(c[7]).windSpeed(c[8]).u2(c[9]).rs(c[10]).sunshineHours(c[11]).build();
        double[] eto = new double[n];
        long[] flags = new long[n];
        BatchResult outcome = fao.dailyBatch(station, cols, eto, flags);
        int invalid = 0;
        for (int i = 0; i < n; i++) {
            EtoResult r = fao.daily(station, weathers.get(i));
            assertEquals(Double.doubleToRawLongBits(r.eto()), Double.doubleToRawLongBits(eto[i]),
                    "row " + i + ": " + r.eto() + " vs " + eto[i]);
            assertEquals(EstimateFlag.toMask(r.flags()), flags[i], "row " + i);
            if (!r.isValid()) {
                invalid++;
                assertEquals(r.error().orElseThrow().code(), outcome.errors().get(invalid - 1).code());
                assertEquals(i, outcome.errors().get(invalid - 1).row().getAsInt());
            }
        }
        assertEquals(invalid, outcome.invalidRows());
    }

    @Provide
    Arbitrary<List<Day>> dayLists() {
        return days().list().ofMinSize(1).ofMaxSize(40);
    }

    @Property(tries = 1000)
    void hourlyIsAlwaysFinite(@ForAll @DoubleRange(min = -90, max = 90) double lat,
                              @ForAll @DoubleRange(min = -180, max = 180) double lon,
                              @ForAll @IntRange(min = -12, max = 14) int offsetHours,
                              @ForAll @IntRange(min = 1, max = 365) int doy,
                              @ForAll @DoubleRange(min = -40, max = 50) double t,
                              @ForAll @DoubleRange(min = 0, max = 100) double rh,
                              @ForAll @DoubleRange(min = 0, max = 30) double u2,
                              @ForAll @DoubleRange(min = 0, max = 1) double rsFraction,
                              @ForAll boolean fixedNight) {
        Fao56 fao = Fao56.builder().intermediates(true)
                .nightRsRso(fixedNight ? NightRsRso.fixed(0.6) : NightRsRso.carryForward()).build();
        Station station = Station.of(lat, lon, 0);
        List<HourlyWeather> hours = new ArrayList<>();
        OffsetDateTime start = LocalDate.ofYearDay(2023, doy).atStartOfDay().atOffset(ZoneOffset.ofHours(offsetHours));
        for (int h = 0; h < 24; h++) {
            hours.add(HourlyWeather.builder(start.plusHours(h)).t(t).rh(rh).u2(u2).rs(rsFraction * 4.0).build());
        }
        for (EtoResult r : fao.hourly(station, hours)) {
            assertTrue(Double.isFinite(r.eto()), r::toString);
            Intermediates i = r.intermediates().orElseThrow();
            assertTrue(Double.isFinite(i.rn()) && i.ra() >= 0 && Double.isFinite(i.relativeShortwave()));
        }
    }

    /** Summed over a whole day, the hourly Ra of eq. 28 equals the daily Ra of eq. 21, anywhere and any day. */
    @Property(tries = 1000)
    void hourlyExtraterrestrialSumsToDaily(@ForAll @DoubleRange(min = -90, max = 90) double lat,
                                           @ForAll @IntRange(min = 1, max = 365) int doy,
                                           @ForAll @DoubleRange(min = -3.2, max = 3.2) double startAngle) {
        double phi = Math.toRadians(lat);
        double sum = 0;
        for (int h = 0; h < 24; h++) {
            sum += Radiation.extraterrestrialForPeriod(phi, doy, startAngle + Math.PI / 12 * (h + 0.5), 1.0);
        }
        assertEquals(Radiation.extraterrestrialDaily(phi, doy), sum, 1e-9);
    }

    @Property(tries = 500)
    void monthlyIsAlwaysFinite(@ForAll @DoubleRange(min = -90, max = 90) double lat,
                               @ForAll @IntRange(min = 1, max = 12) int firstMonth,
                               @ForAll @DoubleRange(min = -30, max = 38) double tmin,
                               @ForAll @DoubleRange(min = 0, max = 20) double range) {
        List<MonthlyWeather> months = new ArrayList<>();
        for (int m = 0; m < 3; m++) {
            months.add(MonthlyWeather.builder(YearMonth.of(2023, firstMonth).plusMonths(m))
                    .tmin(tmin + m).tmax(tmin + m + range).build());
        }
        List<EtoResult> rs = Fao56.defaults().monthly(Station.of(lat, 100), months);
        for (EtoResult r : rs) {
            assertTrue(Double.isFinite(r.eto()));
            assertFalse(r.has(EstimateFlag.INVALID_ROW));
        }
        assertTrue(rs.get(0).has(EstimateFlag.SOIL_HEAT_FLUX_ASSUMED_ZERO));
        assertFalse(rs.get(1).has(EstimateFlag.SOIL_HEAT_FLUX_ASSUMED_ZERO));
        assertTrue(rs.get(2).has(EstimateFlag.SOIL_HEAT_FLUX_PREVIOUS_MONTH_ONLY));
    }
}
