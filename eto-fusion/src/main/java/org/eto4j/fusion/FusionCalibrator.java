package org.eto4j.fusion;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Fits a {@link FusionCalibration} from one station or a region of several, given reference ETo (and reference inputs
 * when they exist) over a training period.
 *
 * <pre>{@code
 * FusionCalibration cal = FusionCalibrator.builder("my-region")
 *         .reference("station ETo, FAO-56")
 *         .trainingPeriod(LocalDate.of(1991, 1, 1), LocalDate.of(2010, 12, 31))
 *         .build()
 *         .fit(List.of(CalibrationSite.of("balsas", balsas, List.of(power, era5), referenceEto)));
 * }</pre>
 *
 * <p>What is fitted, per source and calendar month, on the training days with a reference and complete inputs:
 * <ol>
 * <li><b>Input corrections</b> {@code x' = scale · x + bias}. Against reference ETo only: the factors of Rs and u2
 *     (by default; the offsets of RHmean, Tmax and Tmin on request) that make the source's FAO-56 ETo (eq. 6) closest
 *     to the reference in least squares (Levenberg–Marquardt, with a ridge towards no correction,
 *     {@link #DEFAULT_RIDGE_WEIGHT}, so that the fit cannot buy ETo skill with implausible inputs). Against reference
 *     inputs: ordinary least squares of the reference input on the source's.</li>
 * <li><b>Input error variances and correlations.</b> Against reference inputs: the variance and correlation of the
 *     residuals. Against ETo only they are not identifiable; the sources' disagreement is split equally: source
 *     a's variance is the mean over the others b of Var(x'a − x'b)/2, and the correlation is taken as 0 (the error
 *     the sources share is then not in the inputs' variances; it is in the ETo spread, fitted below).</li>
 * <li><b>ETo factors</b> (for {@link Estimator#ETO_SCALING}): Σ reference / Σ source ETo.</li>
 * <li><b>ETo combinations</b>, per estimator and every non-empty set of sources: minimum-variance weights from the
 *     covariance of the sources' ETo errors (Bates and Granger 1969), the monthly mean and standard deviation of the
 *     combination and of the reference (variance scaling, Leander and Buishand 2007), and the residual spread
 *     (optionally growing linearly with the ETo level) of the normal predictive distribution.</li>
 * </ol>
 * The calibration never sees a day outside the training period. Immutable and thread-safe once built.
 */
public final class FusionCalibrator {
    /** Fewest training days per month (and per set of sources) to fit: 30, one month of one year. */
    public static final int DEFAULT_MINIMUM_TRAINING_DAYS = 30;
    /**
     * The margin around the training stations' box that still counts as the region: 2°, about 220 km, the
     * spacing of the MATOPIBA stations' outer ring.
     */
    public static final double DEFAULT_DOMAIN_MARGIN_DEGREES = 2.0;
    /**
     * The inputs corrected when fitting against ETo: Rs and u2, whose overestimation by reanalyses and satellite
     * products drives most of their ETo bias. Correcting Tmax, Tmin and RHmean too scored no better out of sample on
     * the MATOPIBA stations (VALIDATION.md, ablation), so they stay as the sources give them unless reference inputs
     * are available (then all five are fitted).
     */
    public static final Set<Variable> DEFAULT_FITTED_VARIABLES = Set.copyOf(EnumSet.of(Variable.RS, Variable.U2));
    /** Whether the ETo spread grows with the ETo level: yes (reference errors are larger on high-demand days). */
    public static final boolean DEFAULT_HETEROSCEDASTIC = true;

    /**
     * Prior standard deviations of the ridge when fitting against ETo, per variable (Tmax, Tmin °C; RH points; u2 and
     * Rs factors): the sizes of input bias reported for reanalyses and gridded products.
     */
    private static final double[] PRIOR_SD = {1, 1, 5, 0.3, 0.15};
    /**
     * The ridge weight when fitting input corrections against ETo: what a one-σ move away from no correction costs,
     * as mean squared ETo error, 0.01 mm² d⁻². The ridge grows with the number of days, so that many days cannot buy
     * an implausible input correction that merely tunes ETo (without it, offsets of 10–17 °C appeared; VALIDATION.md).
     * The prior σ per input: Tmax and Tmin 1 °C, RHmean 5 points, u2 a factor 0.3, Rs a factor 0.15.
     */
    public static final double DEFAULT_RIDGE_WEIGHT = 0.01;
    private static final double[] STEP = {0.01, 0.01, 0.05, 0.001, 0.001};
    private static final int MAX_ITERATIONS = 30;

    private final String name;
    private final String region;
    private final String reference;
    private final LocalDate start;
    private final LocalDate end;
    private final EnumSet<Variable> fitted;
    private final int minimumDays;
    private final double margin;
    private final boolean heteroscedastic;
    private final double ridge;

    private FusionCalibrator(Builder b) {
        this.ridge = b.ridge;
        this.name = b.name;
        this.region = b.region == null ? b.name : b.region;
        this.reference = b.reference;
        this.start = b.start;
        this.end = b.end;
        this.fitted = EnumSet.copyOf(b.fitted);
        this.minimumDays = b.minimumDays;
        this.margin = b.margin;
        this.heteroscedastic = b.heteroscedastic;
    }

    /**
     * Starts a builder.
     *
     * @param name the calibration's name
     * @return a builder
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /**
     * The former name of {@link #builder(String)}, kept so that existing code compiles; eto4j's other
     * types name their builder method {@code builder}.
     *
     * @param name the calibration's name
     * @return a builder, as {@link #builder(String)}
     * @deprecated use {@link #builder(String)}
     */
    @Deprecated
    public static Builder newBuilder(String name) {
        return builder(name);
    }

    /**
     * Fits a calibration.
     *
     * @param sites one or more stations, each with the same sources (two or more) and reference ETo
     * @return the calibration
     * @throws FusionException {@link FusionErrorCode#TOO_FEW_SOURCES}, {@link FusionErrorCode#UNKNOWN_SOURCE} when
     *                         the sites do not share their sources, {@link FusionErrorCode#MISSING_LONGITUDE},
     *                         {@link FusionErrorCode#INSUFFICIENT_TRAINING_DATA} when a month of a source has fewer
     *                         than the minimum training days
     */
    public FusionCalibration fit(List<CalibrationSite> sites) {
        if (sites.isEmpty()) {
            throw new FusionException(FusionErrorCode.INVALID_OPTION, "sites", 0, ">= 1");
        }
        List<String> names = new ArrayList<>();
        sites.get(0).sources().forEach(s -> names.add(s.source()));
        int k = names.size();
        if (k < 2) {
            throw new FusionException(FusionErrorCode.TOO_FEW_SOURCES, k, 2);
        }
        if (k > 6) {
            throw new FusionException(FusionErrorCode.INVALID_OPTION, "sources", k, "2–6");
        }
        boolean withReferenceInputs = sites.stream().allMatch(s -> s.referenceVariables().isPresent());
        List<Rows> parts = new ArrayList<>();
        List<double[][]> refParts = new ArrayList<>();
        List<Provenance.CalibrationStation> stations = new ArrayList<>();
        LocalDate first = LocalDate.MAX;
        LocalDate last = LocalDate.MIN;
        double minLat = 90;
        double maxLat = -90;
        double minLon = 180;
        double maxLon = -180;
        for (CalibrationSite site : sites) {
            if (site.sources().size() != k) {
                throw new FusionException(FusionErrorCode.TOO_FEW_SOURCES, site.sources().size(), k);
            }
            if (!site.station().hasLongitude()) {
                throw new FusionException(FusionErrorCode.MISSING_LONGITUDE);
            }
            SourceSeries[] ordered = new SourceSeries[k];
            for (SourceSeries s : site.sources()) {
                int c = names.indexOf(s.source());
                if (c < 0) {
                    throw new FusionException(FusionErrorCode.UNKNOWN_SOURCE, s.source(), String.join(", ", names));
                }
                ordered[c] = s;
            }
            LocalDate[] dates = ordered[0].dateArray();
            double[] ref = site.referenceEtoArray();
            List<Integer> keep = new ArrayList<>();
            for (int i = 0; i < dates.length; i++) {
                if (!dates[i].isBefore(start) && !dates[i].isAfter(end) && Double.isFinite(ref[i])) {
                    keep.add(i);
                }
            }
            int n = keep.size();
            LocalDate[] d = new LocalDate[n];
            double[] r = new double[n];
            double[][][] raw = new double[k][Engine.NV][n];
            double[][] refVars = new double[Engine.NV][n];
            for (int j = 0; j < n; j++) {
                int i = keep.get(j);
                d[j] = dates[i];
                r[j] = ref[i];
                for (int c = 0; c < k; c++) {
                    for (Variable v : Variable.values()) {
                        raw[c][v.ordinal()][j] = ordered[c].value(v, i);
                    }
                }
                if (withReferenceInputs) {
                    for (Variable v : Variable.values()) {
                        refVars[v.ordinal()][j] = site.referenceVariables().get().value(v, i);
                    }
                }
            }
            if (n > 0) {
                // the period actually used, not the one asked for
                first = d[0].isBefore(first) ? d[0] : first;
                last = d[n - 1].isAfter(last) ? d[n - 1] : last;
            }
            parts.add(Rows.of(site.station().latitudeDegrees(), site.station().elevationMetres(), d, raw, r));
            refParts.add(refVars);
            double lat = site.station().latitudeDegrees();
            double lon = site.station().longitudeDegrees();
            stations.add(new Provenance.CalibrationStation(site.id(), lat, lon, site.station().elevationMetres()));
            minLat = Math.min(minLat, lat);
            maxLat = Math.max(maxLat, lat);
            minLon = Math.min(minLon, lon);
            maxLon = Math.max(maxLon, lon);
        }
        Rows rows = Rows.concat(parts);
        double[][] refVars = null;
        if (withReferenceInputs) {
            refVars = new double[Engine.NV][rows.n];
            int o = 0;
            for (double[][] p : refParts) {
                for (int v = 0; v < Engine.NV; v++) {
                    System.arraycopy(p[v], 0, refVars[v], o, p[v].length);
                }
                o += p[0].length;
            }
        }

        int nv = Engine.NV;
        double[][][] scale = new double[k][nv][12];
        double[][][] bias = new double[k][nv][12];
        double[][][] variance = new double[k][nv][12];
        double[][][][] rho = new double[nv][12][k][k];
        double[][] etoScale = new double[k][12];
        for (int c = 0; c < k; c++) {
            for (int v = 0; v < nv; v++) {
                java.util.Arrays.fill(scale[c][v], 1);
            }
        }
        for (int v = 0; v < nv; v++) {
            for (int m = 0; m < 12; m++) {
                for (int a = 0; a < k; a++) {
                    rho[v][m][a][a] = 1;
                }
            }
        }
        // Completeness of each source on each row, and the rows of each month.
        boolean[][] complete = new boolean[k][rows.n];
        for (int c = 0; c < k; c++) {
            for (int i = 0; i < rows.n; i++) {
                complete[c][i] = Engine.complete(sourceView(rows, c, i), 0);
            }
        }
        for (int c = 0; c < k; c++) {
            for (int m = 0; m < 12; m++) {
                int[] idx = rowsOf(rows, m, complete[c]);
                if (idx.length < minimumDays) {
                    throw new FusionException(FusionErrorCode.INSUFFICIENT_TRAINING_DATA, m + 1, names.get(c),
                            idx.length, minimumDays);
                }
                if (withReferenceInputs) {
                    fitAgainstInputs(refVars, rows, c, idx, scale[c], bias[c], m);
                } else {
                    fitAgainstEto(rows.subset(idx), c, scale[c], bias[c], m);
                }
            }
        }
        FusionCalibration provisional = new FusionCalibration(name, placeholder(stations), null, names, scale, bias,
                variance, rho, etoScale, Map.of());
        int[] identity = new int[k];
        for (int c = 0; c < k; c++) {
            identity[c] = c;
        }
        double[][][] corrected = new double[k][][];
        for (int c = 0; c < k; c++) {
            corrected[c] = Engine.corrected(provisional, c, rows, c);
        }
        errorModel(rows, refVars, corrected, complete, variance, rho);
        double[][] rawEto = new double[k][];
        for (int c = 0; c < k; c++) {
            rawEto[c] = Engine.eto(rows, rows.raw[c]);
            for (int m = 0; m < 12; m++) {
                double num = 0;
                double den = 0;
                for (int i = 0; i < rows.n; i++) {
                    if (rows.month[i] == m && Double.isFinite(rawEto[c][i])) {
                        num += rows.reference[i];
                        den += rawEto[c][i];
                    }
                }
                etoScale[c][m] = den > 0 ? num / den : 1;
            }
        }

        Map<Integer, Combination> combos = new HashMap<>();
        for (Estimator e : Estimator.values()) {
            double[][] perSource = e == Estimator.VARIABLE_FUSION ? null
                    : Engine.sourceEto(provisional, e, rows, identity, corrected);
            for (int mask = 1; mask < (1 << k); mask++) {
                double[] fused = null;
                if (e == Estimator.VARIABLE_FUSION) {
                    int[] masks = new int[rows.n];
                    java.util.Arrays.fill(masks, mask);
                    fused = Engine.eto(rows, Engine.fusedOverMask(provisional, rows, identity, corrected, masks));
                }
                for (int m = 0; m < 12; m++) {
                    Combination c = combination(e, m, mask, rows, perSource, fused, complete, k);
                    if (c != null) {
                        combos.put(FusionCalibration.key(e, m + 1, mask), c);
                    } else if (mask == (1 << k) - 1) {
                        throw new FusionException(FusionErrorCode.INSUFFICIENT_TRAINING_DATA, m + 1,
                                String.join("+", names), 0, minimumDays);
                    }
                }
            }
        }
        Provenance provenance = new Provenance(region, reference, method(withReferenceInputs), first, last, stations,
                rows.n, Map.of());
        FusionCalibration.Domain domain = new FusionCalibration.Domain(minLat - margin, maxLat + margin,
                minLon - margin, maxLon + margin);
        return new FusionCalibration(name, provenance, domain, names, scale, bias, variance, rho, etoScale, combos);
    }

    private String method(boolean withReferenceInputs) {
        return "Per source and calendar month: input corrections x' = scale*x + bias "
                + (withReferenceInputs ? "by ordinary least squares against reference inputs"
                : "fitted against reference ETo through FAO-56 (Levenberg-Marquardt, ridge "
                + ridge + " mm2/d2 per prior"
                + " sigma; fitted: " + fitted + ")")
                + "; ETo of each source by FAO-56 (Allen et al. 1998, eq. 6); minimum-variance (GLS) combination "
                + "weights from the monthly ETo error covariance (Bates and Granger 1969); monthly variance scaling "
                + "(Leander and Buishand 2007); normal predictive distribution with the monthly residual spread"
                + (heteroscedastic ? " growing linearly with ETo" : "") + ".";
    }

    private static Provenance placeholder(List<Provenance.CalibrationStation> stations) {
        return new Provenance("", "", "", LocalDate.MIN, LocalDate.MAX, stations, 0, Map.of());
    }

    private static double[][] sourceView(Rows rows, int c, int i) {
        double[][] v = new double[Engine.NV][1];
        for (int j = 0; j < Engine.NV; j++) {
            v[j][0] = rows.raw[c][j][i];
        }
        return v;
    }

    private static int[] rowsOf(Rows rows, int month, boolean[] ok) {
        int n = 0;
        for (int i = 0; i < rows.n; i++) {
            if (rows.month[i] == month && ok[i]) {
                n++;
            }
        }
        int[] idx = new int[n];
        n = 0;
        for (int i = 0; i < rows.n; i++) {
            if (rows.month[i] == month && ok[i]) {
                idx[n++] = i;
            }
        }
        return idx;
    }

    /** Ordinary least squares of each reference input on the source's input. */
    private static void fitAgainstInputs(double[][] refVars, Rows rows, int c, int[] idx, double[][] scale,
                                         double[][] bias, int m) {
        for (int v = 0; v < Engine.NV; v++) {
            double sx = 0;
            double sy = 0;
            double sxx = 0;
            double sxy = 0;
            int n = 0;
            for (int i : idx) {
                double x = rows.raw[c][v][i];
                double y = refVars[v][i];
                if (Double.isFinite(y)) {
                    sx += x;
                    sy += y;
                    sxx += x * x;
                    sxy += x * y;
                    n++;
                }
            }
            double vx = sxx - sx * sx / n;
            double b = vx > 0 ? (sxy - sx * sy / n) / vx : 1;
            scale[v][m] = b;
            bias[v][m] = (sy - b * sx) / n;
        }
    }

    /** The input corrections that bring the source's FAO-56 ETo closest to the reference (least squares). */
    private void fitAgainstEto(Rows sub, int c, double[][] scale, double[][] bias, int m) {
        Variable[] vars = fitted.toArray(new Variable[0]);
        int p = vars.length;
        double[] start0 = new double[p];
        double[] steps = new double[p];
        double[] prior = new double[p];
        for (int j = 0; j < p; j++) {
            start0[j] = vars[j].multiplicative() ? 1 : 0;
            steps[j] = STEP[vars[j].ordinal()];
            prior[j] = PRIOR_SD[vars[j].ordinal()];
        }
        double[][] raw = sub.raw[c];
        double[] ref = sub.reference;
        double[] best = LevenbergMarquardt.minimise(theta -> {
            double[][] x = new double[Engine.NV][];
            for (int v = 0; v < Engine.NV; v++) {
                x[v] = raw[v];
            }
            for (int j = 0; j < p; j++) {
                int v = vars[j].ordinal();
                double[] col = new double[sub.n];
                for (int i = 0; i < sub.n; i++) {
                    col[i] = Engine.bound(v, vars[j].multiplicative() ? theta[j] * raw[v][i] : raw[v][i] + theta[j]);
                    if (v == Engine.RS) {
                        col[i] = Engine.capRadiation(col[i], raw[v][i], sub.rso[i]);
                    }
                }
                x[v] = col;
            }
            if (x[Engine.TMIN] != raw[Engine.TMIN] || x[Engine.TMAX] != raw[Engine.TMAX]) {
                x[Engine.TMIN] = x[Engine.TMIN] == raw[Engine.TMIN] ? raw[Engine.TMIN].clone() : x[Engine.TMIN];
                Engine.orderTemperatures(x);
            }
            double[] e = Engine.eto(sub, x);
            double[] r = new double[sub.n + p];
            for (int i = 0; i < sub.n; i++) {
                // A day FAO-56 refuses counts as ETo 0, never as a perfect fit: otherwise the search could make days
                // invalid to drop their errors.
                r[i] = (Double.isFinite(e[i]) ? e[i] : 0) - ref[i];
            }
            double w = Math.sqrt(ridge * sub.n);
            for (int j = 0; j < p; j++) {
                r[sub.n + j] = w * (theta[j] - start0[j]) / prior[j];
            }
            return r;
        }, start0, steps, MAX_ITERATIONS);
        for (int j = 0; j < p; j++) {
            int v = vars[j].ordinal();
            if (vars[j].multiplicative()) {
                scale[v][m] = best[j];
            } else {
                bias[v][m] = best[j];
            }
        }
    }

    /** Input error variances and correlations: against reference inputs, or from the sources' disagreement. */
    private static void errorModel(Rows rows, double[][] refVars, double[][][] corrected, boolean[][] complete,
                                   double[][][] variance, double[][][][] rho) {
        int k = corrected.length;
        for (int v = 0; v < Engine.NV; v++) {
            for (int m = 0; m < 12; m++) {
                if (refVars != null) {
                    double[][] sxy = new double[k][k];
                    int[][] cnt = new int[k][k];
                    for (int i = 0; i < rows.n; i++) {
                        if (rows.month[i] != m || !Double.isFinite(refVars[v][i])) {
                            continue;
                        }
                        for (int a = 0; a < k; a++) {
                            for (int b = 0; b < k; b++) {
                                double ea = corrected[a][v][i] - refVars[v][i];
                                double eb = corrected[b][v][i] - refVars[v][i];
                                if (Double.isFinite(ea) && Double.isFinite(eb)) {
                                    sxy[a][b] += ea * eb;
                                    cnt[a][b]++;
                                }
                            }
                        }
                    }
                    for (int a = 0; a < k; a++) {
                        variance[a][v][m] = cnt[a][a] > 0 ? sxy[a][a] / cnt[a][a] : 0;
                    }
                    for (int a = 0; a < k; a++) {
                        for (int b = 0; b < k; b++) {
                            if (a != b && cnt[a][b] > 0 && variance[a][v][m] > 0 && variance[b][v][m] > 0) {
                                rho[v][m][a][b] = sxy[a][b] / cnt[a][b]
                                        / Math.sqrt(variance[a][v][m] * variance[b][v][m]);
                            }
                        }
                    }
                } else {
                    for (int a = 0; a < k; a++) {
                        double sum = 0;
                        for (int b = 0; b < k; b++) {
                            if (b != a) {
                                sum += disagreement(rows, corrected[a][v], corrected[b][v], m) / 2;
                            }
                        }
                        variance[a][v][m] = sum / (k - 1);
                    }
                }
            }
        }
    }

    private static double disagreement(Rows rows, double[] a, double[] b, int m) {
        double s = 0;
        double ss = 0;
        int n = 0;
        for (int i = 0; i < rows.n; i++) {
            double d = a[i] - b[i];
            if (rows.month[i] == m && Double.isFinite(d)) {
                s += d;
                ss += d * d;
                n++;
            }
        }
        return n > 1 ? (ss - s * s / n) / (n - 1) : 0;
    }

    private Combination combination(Estimator e, int m, int mask, Rows rows, double[][] perSource, double[] fused,
                                    boolean[][] complete, int k) {
        int bits = Integer.bitCount(mask);
        int[] members = new int[bits];
        for (int c = 0, j = 0; c < k; c++) {
            if ((mask & (1 << c)) != 0) {
                members[j++] = c;
            }
        }
        List<Integer> days = new ArrayList<>();
        for (int i = 0; i < rows.n; i++) {
            if (rows.month[i] != m) {
                continue;
            }
            boolean ok = true;
            for (int c : members) {
                ok &= perSource != null ? Double.isFinite(perSource[c][i]) : complete[c][i];
            }
            if (ok && fused != null) {
                ok = Double.isFinite(fused[i]);
            }
            if (ok) {
                days.add(i);
            }
        }
        int n = days.size();
        if (n < minimumDays) {
            return null;
        }
        double[] weights;
        double[] f = new double[n];
        if (perSource != null) {
            double[][] cov = new double[bits][bits];
            for (int a = 0; a < bits; a++) {
                for (int b = 0; b < bits; b++) {
                    double s = 0;
                    for (int i : days) {
                        s += (perSource[members[a]][i] - rows.reference[i])
                                * (perSource[members[b]][i] - rows.reference[i]);
                    }
                    cov[a][b] = s / n;
                }
            }
            double[] g = Engine.gls(cov);
            weights = java.util.Arrays.copyOf(g, bits);
            for (int j = 0; j < n; j++) {
                int i = days.get(j);
                for (int a = 0; a < bits; a++) {
                    f[j] += weights[a] * perSource[members[a]][i];
                }
            }
        } else {
            weights = new double[0];
            for (int j = 0; j < n; j++) {
                f[j] = fused[days.get(j)];
            }
        }
        double[] ref = new double[n];
        for (int j = 0; j < n; j++) {
            ref[j] = rows.reference[days.get(j)];
        }
        double fm = mean(f);
        double fs = sd(f, fm);
        double rm = mean(ref);
        double rs = sd(ref, rm);
        Combination draft = new Combination(e, m + 1, mask, weights, fm, fs, rm, rs, 0, 0, 0, 0, n);
        double ss = 0;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        double[] y = new double[n];
        for (int j = 0; j < n; j++) {
            y[j] = draft.finalEstimate(f[j]);
            double r = ref[j] - y[j];
            ss += r * r;
            lo = Math.min(lo, y[j]);
            hi = Math.max(hi, y[j]);
        }
        double residualSd = Math.sqrt(ss / n);
        double slope = 0;
        if (heteroscedastic && residualSd > 0 && rm > 0) {
            // E|r| = σ·√(2/π) for a normal residual: regress |r|/(σ√(2/π)) − 1 on the relative ETo level.
            double szz = 0;
            double sza = 0;
            double c = residualSd * Math.sqrt(2 / Math.PI);
            for (int j = 0; j < n; j++) {
                double z = (y[j] - rm) / rm;
                double a = Math.abs(ref[j] - y[j]) / c - 1;
                szz += z * z;
                sza += z * a;
            }
            slope = szz > 0 ? Math.max(-1, Math.min(5, sza / szz)) : 0;
        }
        return new Combination(e, m + 1, mask, weights, fm, fs, rm, rs, residualSd, slope, lo, hi, n);
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    private static double sd(double[] x, double mean) {
        double s = 0;
        for (double v : x) {
            s += (v - mean) * (v - mean);
        }
        return Math.sqrt(s / x.length);
    }

    /** Builds a {@link FusionCalibrator}. Not thread-safe. */
    public static final class Builder {
        private final String name;
        private String region;
        private String reference = "reference ETo";
        private LocalDate start = LocalDate.MIN;
        private LocalDate end = LocalDate.MAX;
        private Set<Variable> fitted = DEFAULT_FITTED_VARIABLES;
        private int minimumDays = DEFAULT_MINIMUM_TRAINING_DAYS;
        private double margin = DEFAULT_DOMAIN_MARGIN_DEGREES;
        private boolean heteroscedastic = DEFAULT_HETEROSCEDASTIC;
        private double ridge = DEFAULT_RIDGE_WEIGHT;

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new FusionException(FusionErrorCode.INVALID_OPTION, "name", name, "a non-blank name");
            }
        }

        /**
         * The region's name for the provenance; default the calibration's name.
         *
         * @param region the name
         * @return this builder
         */
        public Builder region(String region) {
            this.region = Objects.requireNonNull(region, "region");
            return this;
        }

        /**
         * What the reference ETo is, for the provenance; default {@code "reference ETo"}.
         *
         * @param reference a description, e.g. {@code "Xavier BR-DWGD ETo"}
         * @return this builder
         */
        public Builder reference(String reference) {
            this.reference = Objects.requireNonNull(reference, "reference");
            return this;
        }

        /**
         * The training period, both days included; default every day given.
         *
         * @param first the first day
         * @param last  the last day, not before {@code first}
         * @return this builder
         * @throws FusionException {@link FusionErrorCode#INVALID_OPTION} when {@code last} is before {@code first}
         */
        public Builder trainingPeriod(LocalDate first, LocalDate last) {
            if (last.isBefore(first)) {
                throw new FusionException(FusionErrorCode.INVALID_OPTION, "trainingPeriod", first + "/" + last,
                        "first <= last");
            }
            this.start = first;
            this.end = last;
            return this;
        }

        /**
         * The inputs corrected when fitting against reference ETo; default {@link #DEFAULT_FITTED_VARIABLES}.
         * The others keep scale 1 and bias 0.
         *
         * @param variables one or more inputs
         * @return this builder
         * @throws FusionException {@link FusionErrorCode#INVALID_OPTION} for an empty set
         */
        public Builder fittedVariables(Set<Variable> variables) {
            if (variables.isEmpty()) {
                throw new FusionException(FusionErrorCode.INVALID_OPTION, "fittedVariables", "[]", "one or more");
            }
            this.fitted = EnumSet.copyOf(variables);
            return this;
        }

        /**
         * The fewest training days per month; default {@link #DEFAULT_MINIMUM_TRAINING_DAYS}.
         *
         * @param days 10 or more
         * @return this builder
         * @throws FusionException {@link FusionErrorCode#INVALID_OPTION} below 10
         */
        public Builder minimumTrainingDays(int days) {
            if (days < 10) {
                throw new FusionException(FusionErrorCode.INVALID_OPTION, "minimumTrainingDays", days, ">= 10");
            }
            this.minimumDays = days;
            return this;
        }

        /**
         * The margin around the training stations that is still the calibration's region; default
         * {@link #DEFAULT_DOMAIN_MARGIN_DEGREES}.
         *
         * @param degrees 0–10
         * @return this builder
         * @throws FusionException {@link FusionErrorCode#INVALID_OPTION} outside 0–10
         */
        public Builder domainMarginDegrees(double degrees) {
            if (!(degrees >= 0 && degrees <= 10)) {
                throw new FusionException(FusionErrorCode.INVALID_OPTION, "domainMarginDegrees", degrees, "0–10");
            }
            this.margin = degrees;
            return this;
        }

        /**
         * Whether the ETo spread grows linearly with the ETo level; default {@link #DEFAULT_HETEROSCEDASTIC}.
         *
         * @param enabled true for a level-dependent spread
         * @return this builder
         */
        public Builder heteroscedastic(boolean enabled) {
            this.heteroscedastic = enabled;
            return this;
        }

        /**
         * The ridge weight of input corrections fitted against ETo; default {@link #DEFAULT_RIDGE_WEIGHT}; 0 fits
         * them freely.
         *
         * @param weight mm² d⁻² per prior σ, 0–1
         * @return this builder
         * @throws FusionException {@link FusionErrorCode#INVALID_OPTION} outside 0–1
         */
        public Builder ridgeWeight(double weight) {
            if (!(weight >= 0 && weight <= 1)) {
                throw new FusionException(FusionErrorCode.INVALID_OPTION, "ridgeWeight", weight, "0–1");
            }
            this.ridge = weight;
            return this;
        }

        /**
         * Builds the calibrator.
         *
         * @return an immutable calibrator
         */
        public FusionCalibrator build() {
            return new FusionCalibrator(this);
        }
    }
}
