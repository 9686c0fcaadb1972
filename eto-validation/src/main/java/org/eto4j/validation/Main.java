package org.eto4j.validation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.eto4j.core.DailyColumns;
import org.eto4j.core.Fao56;
import org.eto4j.core.Station;
import org.eto4j.core.ValidationMode;
import org.eto4j.fusion.CalibrationSite;
import org.eto4j.fusion.Estimator;
import org.eto4j.fusion.EtoFusion;
import org.eto4j.fusion.FusedSeries;
import org.eto4j.fusion.FusionCalibration;
import org.eto4j.fusion.FusionCalibrator;
import org.eto4j.fusion.SourceSeries;

/**
 * Recomputes every figure of VALIDATION.md from the MATOPIBA data folder: raw NASA POWER, raw Open-Meteo, the naive
 * 50/50 mean (raw and with a monthly factor) and each eto-fusion estimator, scored against the Xavier BR-DWGD
 * reference ETo in a temporal split (each station's own calibration on 1991–2010, scored on 2011–2020) and
 * leave-one-station-out (a calibration from the other 15 stations, scored on the left-out one over 1991–2020).
 *
 * <p>Usage: {@code java -jar eto-validation.jar <matopiba folder> [--write-calibration <file>]}. With
 * {@code --write-calibration} it also fits the shipped calibration on all 16 stations, 1991–2020, puts the
 * leave-one-station-out means into its provenance and writes it.
 */
public final class Main {
    static final LocalDate TRAIN_END = LocalDate.of(2010, 12, 31);
    static final LocalDate TEST_START = LocalDate.of(2011, 1, 1);
    static final String NASA = "nasa_power";
    static final String OPEN_METEO = "open_meteo";
    static final Fao56 FAO56 = Fao56.builder().validation(ValidationMode.LENIENT).build();

    private Main() {
    }

    /** One station's data. */
    record Site(String id, Station station, List<LocalDate> dates, SourceSeries nasa, SourceSeries openMeteo,
                double[] reference, double[] rawNasa, double[] rawOpenMeteo) {
    }

    /** The scores of one series against the reference. */
    record Score(double r2, double kge, double rmse, double mae, double pbias, double coverage) {
        static final String[] NAMES = {"R²", "KGE", "RMSE", "MAE", "PBIAS %", "cover 5–95 %"};

        double get(int i) {
            return switch (i) {
                case 0 -> r2;
                case 1 -> kge;
                case 2 -> rmse;
                case 3 -> mae;
                case 4 -> pbias;
                default -> coverage;
            };
        }
    }

    /** The calibrator settings of one run. */
    record Variant(String label, java.util.Set<org.eto4j.fusion.Variable> fitted, double ridge,
                   boolean heteroscedastic) {
        FusionCalibrator.Builder apply(FusionCalibrator.Builder b) {
            return b.fittedVariables(fitted).ridgeWeight(ridge).heteroscedastic(heteroscedastic);
        }
    }

    /** The range of the fitted input corrections of every calibration a variant produced: [min, max] per kind. */
    static final Map<String, double[]> RANGES = new LinkedHashMap<>();

    static void track(Variant v, FusionCalibration cal) {
        for (String source : cal.sources()) {
            for (org.eto4j.fusion.Variable x : org.eto4j.fusion.Variable.values()) {
                for (int m = 1; m <= 12; m++) {
                    FusionCalibration.Correction c = cal.correction(source, x, m);
                    String key = v.label() + "|" + x + (x.multiplicative() ? " factor" : " offset");
                    double value = x.multiplicative() ? c.scale() : c.bias();
                    RANGES.merge(key, new double[]{value, value},
                            (a, b) -> new double[]{Math.min(a[0], b[0]), Math.max(a[1], b[1])});
                }
            }
        }
    }

    static final Variant DEFAULT = new Variant("default", FusionCalibrator.DEFAULT_FITTED_VARIABLES,
            FusionCalibrator.DEFAULT_RIDGE_WEIGHT, FusionCalibrator.DEFAULT_HETEROSCEDASTIC);

    /**
     * Runs the validation.
     *
     * @param args the data folder, then {@code --write-calibration <file>} and/or {@code --ablation}
     * @throws IOException when the data cannot be read or the calibration written
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: eto-validation <matopiba folder> [--write-calibration <file>] [--ablation]");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        Path calibrationOut = null;
        boolean ablation = false;
        for (int a = 1; a < args.length; a++) {
            switch (args[a]) {
                case "--write-calibration" -> calibrationOut = Path.of(args[++a]);
                case "--ablation" -> ablation = true;
                default -> throw new IllegalArgumentException(args[a]);
            }
        }
        long t0 = System.nanoTime();
        List<Site> sites = load(dir);
        System.out.printf(Locale.ROOT, "Loaded %d stations, %d days each (%.1f s)%n", sites.size(),
                sites.get(0).dates().size(), (System.nanoTime() - t0) / 1e9);

        Map<String, Map<String, Score>> temporal = new LinkedHashMap<>();
        Map<String, Map<String, Score>> loso = new LinkedHashMap<>();
        run(sites, DEFAULT, List.of(Estimator.values()), true, temporal, loso);
        System.out.printf(Locale.ROOT, "Validation runs done (%.0f s)%n", (System.nanoTime() - t0) / 1e9);
        System.out.println();
        System.out.println("## Temporal split: calibration 1991–2010 per station, scored 2011–2020 (out of sample)");
        printAll(temporal);
        System.out.println("## Leave-one-station-out: calibration on the other 15 stations, 1991–2020, scored on"
                + " the left-out station (out of sample)");
        printAll(loso);

        System.out.println("## Summary (means over 16 stations)");
        summary("temporal", temporal);
        summary("leave-one-station-out", loso);

        if (ablation) {
            System.out.println("## Ablation of VARIABLE_CORRECTION (means over 16 stations, out of sample)");
            java.util.Set<org.eto4j.fusion.Variable> all = java.util.EnumSet.allOf(org.eto4j.fusion.Variable.class);
            java.util.Set<org.eto4j.fusion.Variable> rsU2Rh = java.util.EnumSet.of(org.eto4j.fusion.Variable.RS,
                    org.eto4j.fusion.Variable.U2, org.eto4j.fusion.Variable.RH_MEAN);
            List<Variant> variants = List.of(DEFAULT,
                    new Variant("Rs, u2, RHmean corrected", rsU2Rh, DEFAULT.ridge(), true),
                    new Variant("all five inputs corrected", all, DEFAULT.ridge(), true),
                    new Variant("all five inputs, no ridge", all, 0, true),
                    new Variant("constant spread per month", DEFAULT.fitted(), DEFAULT.ridge(), false));
            Map<String, Map<String, Map<String, Score>>> rows = new LinkedHashMap<>();
            for (Variant v : variants) {
                Map<String, Map<String, Score>> t = new LinkedHashMap<>();
                Map<String, Map<String, Score>> l = new LinkedHashMap<>();
                run(sites, v, List.of(Estimator.VARIABLE_CORRECTION), false, t, l);
                rows.put("temporal · " + v.label(), t);
                rows.put("leave-one-out · " + v.label(), l);
                System.out.printf(Locale.ROOT, "  %s done (%.0f s)%n", v.label(), (System.nanoTime() - t0) / 1e9);
            }
            System.out.println();
            System.out.println("| setting · variant | R² | KGE | RMSE | MAE | PBIAS % | cover 5–95 % |");
            System.out.println("|---|---|---|---|---|---|---|");
            for (var e : rows.entrySet()) {
                System.out.print("| " + e.getKey() + " |");
                for (int k = 0; k < Score.NAMES.length; k++) {
                    System.out.print(" " + fmt(mean(e.getValue(), "VARIABLE_CORRECTION", k), k) + " |");
                }
                System.out.println();
            }
            System.out.println();
            System.out.println("Range of the fitted input corrections over all 32 calibrations of each variant"
                    + " (factor: scale; offset: bias, °C or RH points):");
            System.out.println();
            System.out.println("| variant | " + String.join(" | ", java.util.Arrays.stream(
                    org.eto4j.fusion.Variable.values()).map(x -> x + (x.multiplicative() ? " factor" : " offset"))
                    .toList()) + " |");
            System.out.println("|---|---|---|---|---|---|");
            for (Variant v : variants) {
                System.out.print("| " + v.label() + " |");
                for (org.eto4j.fusion.Variable x : org.eto4j.fusion.Variable.values()) {
                    double[] r = RANGES.get(v.label() + "|" + x + (x.multiplicative() ? " factor" : " offset"));
                    System.out.printf(Locale.ROOT, " %.2f to %.2f |", r[0], r[1]);
                }
                System.out.println();
            }
            System.out.println();
        }

        // The shipped calibration: all 16 stations, 1991–2020; in-sample figures only for information.
        FusionCalibration matopiba = DEFAULT.apply(FusionCalibrator.builder(FusionCalibration.MATOPIBA))
                .region("MATOPIBA, Brazil (16 stations)")
                .reference("Xavier et al. (2022) BR-DWGD daily ETo, doi:10.1002/joc.7731")
                .build()
                .fit(sites.stream().map(Main::calibrationSite).toList());
        Map<String, Double> figures = new TreeMap<>();
        String[] keys = {"r2", "kge", "rmse", "mae", "pbias", "coverage_5_95"};
        for (Estimator est : Estimator.values()) {
            for (var e : Map.of("temporal", temporal, "loso", loso).entrySet()) {
                for (int k = 0; k < Score.NAMES.length; k++) {
                    figures.put(e.getKey() + "." + est.name().toLowerCase(Locale.ROOT) + "." + keys[k] + ".mean",
                            round(mean(e.getValue(), est.name(), k)));
                }
            }
        }
        matopiba = matopiba.withValidation(figures);
        describe(matopiba);
        Map<String, Map<String, Score>> inSample = new LinkedHashMap<>();
        for (Site site : sites) {
            boolean[] all = new boolean[site.dates().size()];
            java.util.Arrays.fill(all, true);
            inSample.put(site.id(), scoreAll(site, matopiba, sites, null, all, List.of(Estimator.values()), true));
        }
        System.out.println("## IN-SAMPLE: the shipped `matopiba` calibration (all 16 stations, 1991–2020) scored on"
                + " its own training data (not a validation)");
        summary("in-sample", inSample);
        if (calibrationOut != null) {
            Files.writeString(calibrationOut, matopiba.toJson(), StandardCharsets.UTF_8);
            System.out.println("Wrote " + calibrationOut);
        }
        System.out.printf(Locale.ROOT, "Total %.0f s%n", (System.nanoTime() - t0) / 1e9);
    }

    /** Prints the shipped calibration's Rs and u2 factors and its VARIABLE_CORRECTION weights per month. */
    static void describe(FusionCalibration cal) throws IOException {
        com.fasterxml.jackson.databind.JsonNode root = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(cal.toJson());
        System.out.println("## The shipped `matopiba` calibration, per month");
        System.out.println();
        System.out.println("| month | NASA POWER Rs factor | NASA POWER u2 factor | Open-Meteo Rs factor"
                + " | Open-Meteo u2 factor | weight of NASA POWER (VARIABLE_CORRECTION)"
                + " | ETo spread σ, both sources (mm/day) | σ, NASA POWER only | σ, Open-Meteo only |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        for (int m = 1; m <= 12; m++) {
            double w = Double.NaN;
            for (com.fasterxml.jackson.databind.JsonNode c : root.get("combinations")) {
                if (c.get("estimator").asText().equals("VARIABLE_CORRECTION") && c.get("month").asInt() == m
                        && c.get("sources").size() == 2) {
                    w = c.get("weights").get(0).asDouble();
                }
            }
            System.out.printf(Locale.ROOT, "| %d | %.3f | %.3f | %.3f | %.3f | %.2f | %.3f | %.3f | %.3f |%n", m,
                    cal.correction(NASA, org.eto4j.fusion.Variable.RS, m).scale(),
                    cal.correction(NASA, org.eto4j.fusion.Variable.U2, m).scale(),
                    cal.correction(OPEN_METEO, org.eto4j.fusion.Variable.RS, m).scale(),
                    cal.correction(OPEN_METEO, org.eto4j.fusion.Variable.U2, m).scale(), w,
                    cal.etoSpread(Estimator.VARIABLE_CORRECTION, m, List.of(NASA, OPEN_METEO)),
                    cal.etoSpread(Estimator.VARIABLE_CORRECTION, m, List.of(NASA)),
                    cal.etoSpread(Estimator.VARIABLE_CORRECTION, m, List.of(OPEN_METEO)));
        }
        System.out.println();
    }

    /** The temporal split and leave-one-station-out runs of one variant. */
    static void run(List<Site> sites, Variant variant, List<Estimator> estimators, boolean baselines,
                    Map<String, Map<String, Score>> temporal, Map<String, Map<String, Score>> loso) {
        for (int s = 0; s < sites.size(); s++) {
            Site site = sites.get(s);
            // Temporal split: the station's own calibration on 1991–2010, scored on 2011–2020.
            FusionCalibration own = variant.apply(FusionCalibrator.builder("temporal-" + site.id()))
                    .trainingPeriod(site.dates().get(0), TRAIN_END).build()
                    .fit(List.of(calibrationSite(site)));
            track(variant, own);
            boolean[] test = new boolean[site.dates().size()];
            boolean[] train = new boolean[test.length];
            for (int i = 0; i < test.length; i++) {
                test[i] = !site.dates().get(i).isBefore(TEST_START);
                train[i] = !test[i];
            }
            temporal.put(site.id(), scoreAll(site, own, List.of(site), train, test, estimators, baselines));
            // Leave one station out: the other 15 stations, all years; scored on the left-out one, all years.
            List<Site> others = new ArrayList<>(sites);
            others.remove(s);
            FusionCalibration regional = variant.apply(FusionCalibrator.builder("loso-" + site.id())).build()
                    .fit(others.stream().map(Main::calibrationSite).toList());
            track(variant, regional);
            boolean[] all = new boolean[test.length];
            java.util.Arrays.fill(all, true);
            loso.put(site.id(), scoreAll(site, regional, others, null, all, estimators, baselines));
        }
    }

    static double round(double x) {
        return Math.round(x * 1e4) / 1e4;
    }

    static double mean(Map<String, Map<String, Score>> table, String estimator, int metric) {
        double s = 0;
        int n = 0;
        for (Map<String, Score> m : table.values()) {
            Score sc = m.get(estimator);
            if (sc != null) {
                s += sc.get(metric);
                n++;
            }
        }
        return s / n;
    }

    static void summary(String title, Map<String, Map<String, Score>> table) {
        System.out.println();
        System.out.println("### " + title);
        System.out.println();
        System.out.print("| estimator |");
        for (String n : Score.NAMES) {
            System.out.print(" " + n + " |");
        }
        System.out.println(" mean \\|PBIAS\\| % |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (String est : table.values().iterator().next().keySet()) {
            System.out.print("| " + est + " |");
            for (int k = 0; k < Score.NAMES.length; k++) {
                System.out.print(" " + fmt(mean(table, est, k), k) + " |");
            }
            double abs = 0;
            for (Map<String, Score> m : table.values()) {
                abs += Math.abs(m.get(est).pbias());
            }
            System.out.printf(Locale.ROOT, " %.1f |%n", abs / table.size());
        }
        System.out.println();
    }

    static String fmt(double x, int metric) {
        if (Double.isNaN(x)) {
            return "—";
        }
        return switch (metric) {
            case 4 -> String.format(Locale.ROOT, "%+.1f", x);
            case 5 -> String.format(Locale.ROOT, "%.1f %%", 100 * x);
            default -> String.format(Locale.ROOT, "%.3f", x);
        };
    }

    static void printAll(Map<String, Map<String, Score>> table) {
        for (String est : table.values().iterator().next().keySet()) {
            System.out.println();
            System.out.println("### " + est);
            System.out.println();
            System.out.print("| station |");
            for (String n : Score.NAMES) {
                System.out.print(" " + n + " |");
            }
            System.out.println();
            System.out.println("|---|---|---|---|---|---|---|");
            for (var e : table.entrySet()) {
                Score sc = e.getValue().get(est);
                System.out.print("| " + e.getKey() + " |");
                for (int k = 0; k < Score.NAMES.length; k++) {
                    System.out.print(" " + fmt(sc.get(k), k) + " |");
                }
                System.out.println();
            }
            System.out.print("| **mean** |");
            for (int k = 0; k < Score.NAMES.length; k++) {
                System.out.print(" **" + fmt(mean(table, est, k), k) + "** |");
            }
            System.out.println();
        }
        System.out.println();
    }

    /**
     * Every series scored on the {@code test} days; the naive factor is fitted on {@code train} days of
     * {@code trainingSites}.
     */
    static Map<String, Score> scoreAll(Site site, FusionCalibration cal, List<Site> trainingSites, boolean[] train,
                                       boolean[] test, List<Estimator> estimators, boolean baselines) {
        Map<String, Score> out = new LinkedHashMap<>();
        if (baselines) {
            baselines(site, trainingSites, train, test, out);
        }
        for (Estimator e : estimators) {
            FusedSeries f = EtoFusion.builder(cal).estimator(e).build()
                    .fuse(site.station(), List.of(site.nasa(), site.openMeteo()));
            out.put(e.name(), score(f.eto(), f.etoQuantiles(FusedSeries.LOWER_PROBABILITY),
                    f.etoQuantiles(FusedSeries.UPPER_PROBABILITY), site.reference(), test));
        }
        return out;
    }

    /** Raw sources, the naive 50/50 mean, and the naive mean with a monthly factor fitted on the training days. */
    static void baselines(Site site, List<Site> trainingSites, boolean[] train, boolean[] test,
                          Map<String, Score> out) {
        double[] naive = new double[site.reference().length];
        for (int i = 0; i < naive.length; i++) {
            naive[i] = 0.5 * (site.rawNasa()[i] + site.rawOpenMeteo()[i]);
        }
        out.put("raw NASA POWER", score(site.rawNasa(), null, null, site.reference(), test));
        out.put("raw Open-Meteo", score(site.rawOpenMeteo(), null, null, site.reference(), test));
        out.put("naive 50/50", score(naive, null, null, site.reference(), test));
        // The naive mean times a monthly factor Σ reference / Σ naive, fitted on the training days only.
        double[] num = new double[12];
        double[] den = new double[12];
        for (Site t : trainingSites) {
            for (int i = 0; i < t.reference().length; i++) {
                if (train != null && !train[i]) {
                    continue;
                }
                double nv = 0.5 * (t.rawNasa()[i] + t.rawOpenMeteo()[i]);
                if (Double.isFinite(nv) && Double.isFinite(t.reference()[i])) {
                    int m = t.dates().get(i).getMonthValue() - 1;
                    num[m] += t.reference()[i];
                    den[m] += nv;
                }
            }
        }
        double[] scaled = new double[naive.length];
        for (int i = 0; i < naive.length; i++) {
            int m = site.dates().get(i).getMonthValue() - 1;
            scaled[i] = naive[i] * num[m] / den[m];
        }
        out.put("naive 50/50 × monthly factor", score(scaled, null, null, site.reference(), test));
    }

    /** R², KGE (Gupta et al. 2009), RMSE, MAE, PBIAS and interval coverage over the days in {@code mask}. */
    static Score score(double[] sim, double[] lo, double[] hi, double[] obs, boolean[] mask) {
        double ss = 0;
        double so = 0;
        double sss = 0;
        double soo = 0;
        double sso = 0;
        double se = 0;
        double sa = 0;
        int n = 0;
        int covered = 0;
        for (int i = 0; i < sim.length; i++) {
            if (!mask[i] || !Double.isFinite(sim[i]) || !Double.isFinite(obs[i])) {
                continue;
            }
            double s = sim[i];
            double o = obs[i];
            ss += s;
            so += o;
            sss += s * s;
            soo += o * o;
            sso += s * o;
            se += (s - o) * (s - o);
            sa += Math.abs(s - o);
            n++;
            if (lo != null && o >= lo[i] && o <= hi[i]) {
                covered++;
            }
        }
        double ms = ss / n;
        double mo = so / n;
        double vs = sss / n - ms * ms;
        double vo = soo / n - mo * mo;
        double cov = sso / n - ms * mo;
        double r = cov / Math.sqrt(vs * vo);
        double alpha = Math.sqrt(vs / vo);
        double beta = ms / mo;
        double kge = 1 - Math.sqrt((r - 1) * (r - 1) + (alpha - 1) * (alpha - 1) + (beta - 1) * (beta - 1));
        return new Score(r * r, kge, Math.sqrt(se / n), sa / n, 100 * (ss - so) / so,
                lo == null ? Double.NaN : (double) covered / n);
    }

    static CalibrationSite calibrationSite(Site s) {
        return CalibrationSite.of(s.id(), s.station(), List.of(s.nasa(), s.openMeteo()), s.reference());
    }

    static List<Site> load(Path dir) throws IOException {
        List<Site> sites = new ArrayList<>();
        List<String> lines = Files.readAllLines(dir.resolve("stations.csv"), StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",");
            String id = c[0];
            Station station = Station.of(Double.parseDouble(c[2]), Double.parseDouble(c[3]),
                    Double.parseDouble(c[4]));
            Table nasa = Table.read(dir.resolve("nasa_power").resolve(id + ".csv"));
            Table om = Table.read(dir.resolve("open_meteo").resolve(id + ".csv"));
            Table ref = Table.read(dir.resolve("xavier_br_dwgd").resolve(id + ".csv"));
            if (!nasa.dates.equals(om.dates) || !nasa.dates.equals(ref.dates)) {
                throw new IllegalStateException("dates differ for " + id);
            }
            SourceSeries n = SourceSeries.builder(NASA, nasa.dates)
                    .tmax(nasa.col("T2M_MAX")).tmin(nasa.col("T2M_MIN")).rhMean(nasa.col("RH2M"))
                    .u2(nasa.col("WS2M")).rs(nasa.col("ALLSKY_SFC_SW_DWN")).build();
            SourceSeries o = SourceSeries.builder(OPEN_METEO, om.dates)
                    .tmax(om.col("T2M_MAX")).tmin(om.col("T2M_MIN")).rhMean(om.col("RH2M"))
                    .windSpeed(om.col("WS10M"), 10).rs(om.col("ALLSKY_SFC_SW_DWN")).build();
            sites.add(new Site(id, station, nasa.dates, n, o, ref.col("eto_xavier"), rawEto(station, n),
                    rawEto(station, o)));
        }
        return sites;
    }

    /** FAO-56 (eq. 6) on a source's raw inputs, through eto-core's batch API. */
    static double[] rawEto(Station station, SourceSeries s) {
        int n = s.size();
        int[] doy = new int[n];
        for (int i = 0; i < n; i++) {
            doy[i] = s.date(i).getDayOfYear();
        }
        double[] eto = new double[n];
        DailyColumns columns = DailyColumns.builder(n, doy)
                .tmax(s.values(org.eto4j.fusion.Variable.TMAX)).tmin(s.values(org.eto4j.fusion.Variable.TMIN))
                .rhMean(s.values(org.eto4j.fusion.Variable.RH_MEAN)).u2(s.values(org.eto4j.fusion.Variable.U2))
                .rs(s.values(org.eto4j.fusion.Variable.RS)).build();
        FAO56.dailyBatch(station, columns, eto, null);
        return eto;
    }

    /** A CSV with a date column and numbers; NASA POWER's -999 is absent. */
    record Table(List<LocalDate> dates, Map<String, double[]> columns) {
        double[] col(String name) {
            double[] c = columns.get(name);
            if (c == null) {
                throw new IllegalStateException("no column " + name);
            }
            return c;
        }

        static Table read(Path file) throws IOException {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            String[] header = lines.get(0).split(",");
            int n = lines.size() - 1;
            List<LocalDate> dates = new ArrayList<>(n);
            Map<String, double[]> cols = new LinkedHashMap<>();
            for (int j = 1; j < header.length; j++) {
                cols.put(header[j].trim(), new double[n]);
            }
            for (int i = 0; i < n; i++) {
                String[] c = lines.get(i + 1).split(",", -1);
                dates.add(LocalDate.parse(c[0].trim()));
                for (int j = 1; j < header.length; j++) {
                    String cell = j < c.length ? c[j].trim() : "";
                    double x = cell.isEmpty() || cell.equalsIgnoreCase("nan") ? Double.NaN : Double.parseDouble(cell);
                    cols.get(header[j].trim())[i] = x == -999 ? Double.NaN : x;
                }
            }
            return new Table(dates, cols);
        }
    }
}
