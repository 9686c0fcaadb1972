package org.eto4j.fusion;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.eto4j.core.DailyColumns;
import org.eto4j.core.Fao56;
import org.eto4j.core.Radiation;
import org.eto4j.core.Station;

/** Synthetic weather with a known truth, and sources derived from it with known errors. */
final class Synthetic {
    static final Station SITE = Station.of(-7.5, -46.0, 250);
    final List<LocalDate> dates = new ArrayList<>();
    final double[][] truth;
    final double[] truthEto;
    private final Random random;

    Synthetic(LocalDate first, int days, long seed) {
        random = new Random(seed);
        truth = new double[Variable.values().length][days];
        for (int i = 0; i < days; i++) {
            LocalDate d = first.plusDays(i);
            dates.add(d);
            double season = Math.sin(2 * Math.PI * (d.getDayOfYear() - 200) / 365.0);
            double tmax = 32 + 2 * season + 1.5 * random.nextGaussian();
            double tmin = tmax - 10 - Math.abs(2 * random.nextGaussian());
            double rso = Radiation.clearSky(SITE.elevationMetres(),
                    Radiation.extraterrestrialDaily(SITE.latitudeRadians(), d.getDayOfYear()));
            truth[Variable.TMAX.ordinal()][i] = tmax;
            truth[Variable.TMIN.ordinal()][i] = tmin;
            truth[Variable.RH_MEAN.ordinal()][i] = clamp(60 - 15 * season + 8 * random.nextGaussian(), 20, 95);
            truth[Variable.U2.ordinal()][i] = clamp(2 + 0.5 * season + 0.5 * random.nextGaussian(), 0.3, 6);
            truth[Variable.RS.ordinal()][i] = clamp(rso * (0.7 + 0.1 * season + 0.1 * random.nextGaussian()),
                    3, 0.95 * rso);
        }
        truthEto = eto(SITE, dates, truth);
    }

    static double clamp(double x, double lo, double hi) {
        return Math.max(lo, Math.min(hi, x));
    }

    double gaussian() {
        return random.nextGaussian();
    }

    /** A source: truth · scale + bias + noise · sd, per variable (arrays indexed by Variable ordinal). */
    double[][] source(double[] scale, double[] bias, double[] sd) {
        int n = dates.size();
        double[][] x = new double[truth.length][n];
        for (int v = 0; v < truth.length; v++) {
            for (int i = 0; i < n; i++) {
                x[v][i] = truth[v][i] * scale[v] + bias[v] + sd[v] * random.nextGaussian();
            }
        }
        for (int i = 0; i < n; i++) {
            // keep the synthetic source physical, as real products are
            x[Variable.TMIN.ordinal()][i] = Math.min(x[Variable.TMIN.ordinal()][i], x[Variable.TMAX.ordinal()][i]);
            x[Variable.RH_MEAN.ordinal()][i] = clamp(x[Variable.RH_MEAN.ordinal()][i], 5, 100);
            x[Variable.U2.ordinal()][i] = Math.max(0.1, x[Variable.U2.ordinal()][i]);
        }
        return x;
    }

    static SourceSeries series(String name, List<LocalDate> dates, double[][] x) {
        return SourceSeries.builder(name, dates)
                .tmax(x[Variable.TMAX.ordinal()]).tmin(x[Variable.TMIN.ordinal()])
                .rhMean(x[Variable.RH_MEAN.ordinal()]).u2(x[Variable.U2.ordinal()]).rs(x[Variable.RS.ordinal()])
                .build();
    }

    /** FAO-56 ETo of inputs through eto-core's public batch API. */
    static double[] eto(Station site, List<LocalDate> dates, double[][] x) {
        int n = dates.size();
        int[] doy = new int[n];
        for (int i = 0; i < n; i++) {
            doy[i] = dates.get(i).getDayOfYear();
        }
        double[] eto = new double[n];
        Fao56.defaults().dailyBatch(site, DailyColumns.builder(n, doy)
                .tmax(x[Variable.TMAX.ordinal()]).tmin(x[Variable.TMIN.ordinal()])
                .rhMean(x[Variable.RH_MEAN.ordinal()]).u2(x[Variable.U2.ordinal()]).rs(x[Variable.RS.ordinal()])
                .build(), eto, null);
        return eto;
    }

    static double[] vec(double tmax, double tmin, double rh, double u2, double rs) {
        return new double[]{tmax, tmin, rh, u2, rs};
    }

    static double meanDiff(double[] a, double[] b, int from, int to) {
        double s = 0;
        int n = 0;
        for (int i = from; i < to; i++) {
            if (Double.isFinite(a[i]) && Double.isFinite(b[i])) {
                s += a[i] - b[i];
                n++;
            }
        }
        return s / n;
    }

    static double meanSquare(double[] a, double[] b, int from, int to) {
        double s = 0;
        int n = 0;
        for (int i = from; i < to; i++) {
            if (Double.isFinite(a[i]) && Double.isFinite(b[i])) {
                s += (a[i] - b[i]) * (a[i] - b[i]);
                n++;
            }
        }
        return s / n;
    }
}
