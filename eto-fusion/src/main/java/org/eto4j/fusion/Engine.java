package org.eto4j.fusion;

import org.eto4j.core.DailyColumns;
import org.eto4j.core.Fao56;
import org.eto4j.core.Station;
import org.eto4j.core.ValidationMode;

/**
 * The arithmetic shared by fusion and calibration: input corrections, FAO-56 over rows, and minimum-variance
 * (generalised least squares) combination.
 */
final class Engine {
    /**
     * FAO-56 with its standard conventions; lenient so that a corrected day FAO-56 refuses (Rs above Ra, Tmin above
     * Tmax after offsets) drops that source's day instead of the whole series.
     */
    static final Fao56 FAO56 = Fao56.builder().validation(ValidationMode.LENIENT).build();
    /** With per-row latitude and elevation columns the station only gives the wind height: 2 m. */
    private static final Station ANY_SITE = Station.of(0, 0);
    static final int NV = Variable.values().length;
    static final int TMAX = Variable.TMAX.ordinal();
    static final int TMIN = Variable.TMIN.ordinal();
    static final int RH = Variable.RH_MEAN.ordinal();
    static final int U2 = Variable.U2.ordinal();
    static final int RS = Variable.RS.ordinal();

    private Engine() {
    }

    /** Keeps a corrected value physical: RH within 1–100 %, wind and radiation not negative. */
    static double bound(int variable, double x) {
        if (variable == RH) {
            return Math.max(1, Math.min(100, x));
        }
        if (variable == U2 || variable == RS) {
            return Math.max(0, x);
        }
        return x;
    }

    /** The corrected inputs [variable][row] of input source {@code s} mapped to calibration source {@code c}. */
    static double[][] corrected(FusionCalibration cal, int c, Rows rows, int s) {
        double[][] out = new double[NV][rows.n];
        for (int v = 0; v < NV; v++) {
            double[] x = rows.raw[s][v];
            double[] sc = cal.scale[c][v];
            double[] b = cal.bias[c][v];
            for (int i = 0; i < rows.n; i++) {
                int m = rows.month[i];
                out[v][i] = bound(v, sc[m] * x[i] + b[m]);
                if (v == RS) {
                    out[v][i] = capRadiation(out[v][i], x[i], rows.rso[i]);
                }
            }
        }
        orderTemperatures(out);
        return out;
    }

    /**
     * A correction never lifts radiation above clear-sky radiation Rso (FAO-56 eq. 37), nor above the raw value when
     * that was already higher: a factor fitted on monthly totals must not create days brighter than a clear sky.
     */
    static double capRadiation(double corrected, double raw, double rso) {
        return Math.min(corrected, Math.max(raw, rso));
    }

    /**
     * Keeps Tmin ≤ Tmax after the offsets: on overcast days the two are close, and offsets of opposite sign can
     * cross them; the day's range is then taken as zero (Tmin lowered to Tmax) rather than the day dropped.
     */
    static void orderTemperatures(double[][] vars) {
        double[] tx = vars[TMAX];
        double[] tn = vars[TMIN];
        for (int i = 0; i < tx.length; i++) {
            if (tn[i] > tx[i]) {
                tn[i] = tx[i];
            }
        }
    }

    static boolean complete(double[][] vars, int i) {
        for (int v = 0; v < NV; v++) {
            if (!Double.isFinite(vars[v][i])) {
                return false;
            }
        }
        return true;
    }

    /**
     * FAO-56 daily ETo (eq. 6; RHmean humidity, eq. 19; G = 0 for days, eq. 42) of each row from complete inputs;
     * NaN where an input is absent (nothing is estimated here: a gap is the other sources' business) or where
     * FAO-56 refuses the row.
     */
    static double[] eto(Rows rows, double[][] vars) {
        int n = rows.n;
        double[] eto = new double[n];
        if (n == 0) {
            return eto;
        }
        DailyColumns columns = DailyColumns.builder(n, rows.dayOfYear)
                .tmax(vars[TMAX]).tmin(vars[TMIN]).rhMean(vars[RH]).u2(vars[U2]).rs(vars[RS])
                .latitudeDegrees(rows.latitude).elevationMetres(rows.elevation)
                .build();
        FAO56.dailyBatch(ANY_SITE, columns, eto, null);
        for (int i = 0; i < n; i++) {
            if (!complete(vars, i)) {
                eto[i] = Double.NaN;
            }
        }
        return eto;
    }

    /**
     * Minimum-variance weights of unbiased estimates with error covariance {@code cov}: w = Σ⁻¹1 / (1ᵀΣ⁻¹1), the
     * combined error variance 1 / (1ᵀΣ⁻¹1) (generalised least squares, Aitken 1935; for two forecasts Bates and
     * Granger 1969; the same as one static Kalman update). Returns the weights followed by the variance. A singular
     * covariance (a perfect source, or two identical ones) gets equal weights and the mean variance.
     */
    static double[] gls(double[][] cov) {
        int k = cov.length;
        double[] ones = new double[k];
        java.util.Arrays.fill(ones, 1);
        double[] x = solve(cov, ones);
        double sum = 0;
        if (x != null) {
            for (double xi : x) {
                sum += xi;
            }
        }
        double[] out = new double[k + 1];
        if (x == null || !(sum > 0) || !Double.isFinite(sum)) {
            double mean = 0;
            for (int i = 0; i < k; i++) {
                out[i] = 1.0 / k;
                for (int j = 0; j < k; j++) {
                    mean += cov[i][j];
                }
            }
            out[k] = mean / (k * k);
            return out;
        }
        for (int i = 0; i < k; i++) {
            out[i] = x[i] / sum;
        }
        out[k] = 1 / sum;
        return out;
    }

    /** Gaussian elimination with partial pivoting; null when the matrix is singular. */
    static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][n + 1];
        double scale = 0;
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], 0, m[i], 0, n);
            m[i][n] = b[i];
            for (int j = 0; j < n; j++) {
                scale = Math.max(scale, Math.abs(a[i][j]));
            }
        }
        if (!(scale > 0)) {
            return null;
        }
        for (int col = 0; col < n; col++) {
            int p = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(m[r][col]) > Math.abs(m[p][col])) {
                    p = r;
                }
            }
            if (Math.abs(m[p][col]) <= 1e-12 * scale) {
                return null;
            }
            double[] t = m[p];
            m[p] = m[col];
            m[col] = t;
            for (int r = col + 1; r < n; r++) {
                double f = m[r][col] / m[col][col];
                for (int c = col; c <= n; c++) {
                    m[r][c] -= f * m[col][c];
                }
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = m[r][n];
            for (int c = r + 1; c < n; c++) {
                s -= m[r][c] * x[c];
            }
            x[r] = s / m[r][r];
        }
        return x;
    }

    /**
     * Fuses one input over the sources in {@code mask} (calibration indices; {@code values[c]} the corrected value of
     * calibration source c, NaN when absent) by GLS on the calibration's error covariance of that input and month.
     * Writes the value and its error variance into {@code out}; returns the number of sources used.
     */
    static int fuseVariable(FusionCalibration cal, int v, int month, double[] values, int mask, double[] out) {
        int k = 0;
        int[] idx = new int[values.length];
        for (int c = 0; c < values.length; c++) {
            if ((mask & (1 << c)) != 0 && Double.isFinite(values[c])) {
                idx[k++] = c;
            }
        }
        if (k == 0) {
            out[0] = Double.NaN;
            out[1] = Double.NaN;
            return 0;
        }
        double[][] cov = new double[k][k];
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                double sa = Math.sqrt(cal.errorVariance[idx[a]][v][month]);
                double sb = Math.sqrt(cal.errorVariance[idx[b]][v][month]);
                cov[a][b] = (a == b ? 1 : cal.correlation[v][month][idx[a]][idx[b]]) * sa * sb;
            }
        }
        double[] w = gls(cov);
        double x = 0;
        for (int a = 0; a < k; a++) {
            x += w[a] * values[idx[a]];
        }
        out[0] = bound(v, x);
        out[1] = w[k];
        return k;
    }

    /**
     * Each input source's ETo under an estimator that combines per-source ETo: {@link Estimator#ETO_SCALING} scales
     * the raw inputs' FAO-56 ETo by the month's factor, {@link Estimator#VARIABLE_CORRECTION} computes FAO-56 on the
     * corrected inputs. [input source][row], NaN where the source is incomplete.
     */
    static double[][] sourceEto(FusionCalibration cal, Estimator estimator, Rows rows, int[] calIndex,
                                double[][][] corrected) {
        int k = calIndex.length;
        double[][] out = new double[k][];
        for (int s = 0; s < k; s++) {
            if (estimator == Estimator.ETO_SCALING) {
                double[] e = eto(rows, rows.raw[s]);
                double[] f = cal.etoScale[calIndex[s]];
                for (int i = 0; i < rows.n; i++) {
                    e[i] *= f[rows.month[i]];
                }
                out[s] = e;
            } else {
                out[s] = eto(rows, corrected[s]);
            }
        }
        return out;
    }

    /**
     * The inputs fused over the sources of each row's mask ({@link Estimator#VARIABLE_FUSION}): [variable][row],
     * NaN where the mask is empty.
     */
    static double[][] fusedOverMask(FusionCalibration cal, Rows rows, int[] calIndex, double[][][] corrected,
                                    int[] mask) {
        int nCal = cal.sources.size();
        double[][] out = new double[NV][rows.n];
        double[] values = new double[nCal];
        double[] result = new double[2];
        for (int i = 0; i < rows.n; i++) {
            for (int v = 0; v < NV; v++) {
                java.util.Arrays.fill(values, Double.NaN);
                for (int s = 0; s < calIndex.length; s++) {
                    values[calIndex[s]] = corrected[s][v][i];
                }
                fuseVariable(cal, v, rows.month[i], values, mask[i], result);
                out[v][i] = result[0];
            }
        }
        orderTemperatures(out);
        return out;
    }
}
