package org.eto4j.fusion;

import java.time.LocalDate;
import org.eto4j.core.Radiation;

/**
 * Station-days as primitive columns: the day of year, month, site and each source's raw inputs, pooled over one or
 * several stations. The unit of work of fusion and calibration.
 */
final class Rows {
    final int n;
    final int[] dayOfYear;
    /** Calendar month, 0–11. */
    final int[] month;
    final double[] latitude;
    final double[] elevation;
    /** [input source][variable][row]. */
    final double[][][] raw;
    /** Reference ETo per row, or null. */
    final double[] reference;
    /** Clear-sky radiation Rso per row (FAO-56 eq. 37 with Ra from eq. 21), MJ m⁻² d⁻¹. */
    final double[] rso;

    Rows(int n, int[] dayOfYear, int[] month, double[] latitude, double[] elevation, double[][][] raw,
         double[] reference) {
        this.n = n;
        this.dayOfYear = dayOfYear;
        this.month = month;
        this.latitude = latitude;
        this.elevation = elevation;
        this.raw = raw;
        this.reference = reference;
        this.rso = new double[n];
        for (int i = 0; i < n; i++) {
            rso[i] = Radiation.clearSky(elevation[i],
                    Radiation.extraterrestrialDaily(Math.toRadians(latitude[i]), dayOfYear[i]));
        }
    }

    static Rows of(double latitude, double elevation, LocalDate[] dates, double[][][] raw, double[] reference) {
        int n = dates.length;
        int[] doy = new int[n];
        int[] month = new int[n];
        double[] lat = new double[n];
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            doy[i] = dates[i].getDayOfYear();
            month[i] = dates[i].getMonthValue() - 1;
            lat[i] = latitude;
            z[i] = elevation;
        }
        return new Rows(n, doy, month, lat, z, raw, reference);
    }

    Rows subset(int[] idx) {
        int m = idx.length;
        int[] doy = new int[m];
        int[] month = new int[m];
        double[] lat = new double[m];
        double[] z = new double[m];
        double[][][] r = new double[raw.length][Variable.values().length][m];
        double[] ref = reference == null ? null : new double[m];
        for (int j = 0; j < m; j++) {
            int i = idx[j];
            doy[j] = dayOfYear[i];
            month[j] = this.month[i];
            lat[j] = latitude[i];
            z[j] = elevation[i];
            for (int s = 0; s < raw.length; s++) {
                for (int v = 0; v < r[s].length; v++) {
                    r[s][v][j] = raw[s][v][i];
                }
            }
            if (ref != null) {
                ref[j] = reference[i];
            }
        }
        return new Rows(m, doy, month, lat, z, r, ref);
    }

    static Rows concat(java.util.List<Rows> parts) {
        int n = 0;
        for (Rows p : parts) {
            n += p.n;
        }
        int k = parts.get(0).raw.length;
        int nv = Variable.values().length;
        int[] doy = new int[n];
        int[] month = new int[n];
        double[] lat = new double[n];
        double[] z = new double[n];
        double[][][] raw = new double[k][nv][n];
        double[] ref = new double[n];
        int o = 0;
        for (Rows p : parts) {
            System.arraycopy(p.dayOfYear, 0, doy, o, p.n);
            System.arraycopy(p.month, 0, month, o, p.n);
            System.arraycopy(p.latitude, 0, lat, o, p.n);
            System.arraycopy(p.elevation, 0, z, o, p.n);
            for (int s = 0; s < k; s++) {
                for (int v = 0; v < nv; v++) {
                    System.arraycopy(p.raw[s][v], 0, raw[s][v], o, p.n);
                }
            }
            System.arraycopy(p.reference, 0, ref, o, p.n);
            o += p.n;
        }
        return new Rows(n, doy, month, lat, z, raw, ref);
    }
}
