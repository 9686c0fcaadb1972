package org.eto4j.benchmarks;

/**
 * The straightforward scalar Java loop, FAO-56 daily Penman-Monteith written as the equations read (one
 * {@code Math} call per function in the text, no tables, no quality control), with eto4j's default constants:
 * the anchor the batch kernel is measured against, and the reference its exactness is checked against.
 */
public final class Straightforward {

    private Straightforward() {
    }

    /**
     * ETo (mm d⁻¹) of one record with tmax, tmin, RHmean, u2 and Rs given.
     *
     * @param latitudeDegrees latitude (°)
     * @param elevationMetres elevation (m)
     * @param dayOfYear       J
     * @param tmax            °C
     * @param tmin            °C
     * @param rhMean          %
     * @param u2              m/s at 2 m
     * @param rs              MJ m⁻² d⁻¹
     * @return ETo
     */
    public static double eto(double latitudeDegrees, double elevationMetres, int dayOfYear, double tmax,
                             double tmin, double rhMean, double u2, double rs) {
        double p = 101.3 * Math.pow((293.0 - 0.0065 * elevationMetres) / 293.0, 5.26);        // eq. 7
        double gamma = 0.665e-3 * p;                                                          // eq. 8
        double t = (tmax + tmin) / 2.0;                                                       // eq. 9
        double esMax = 0.6108 * Math.exp(17.27 * tmax / (tmax + 237.3));                      // eq. 11
        double esMin = 0.6108 * Math.exp(17.27 * tmin / (tmin + 237.3));
        double es = (esMax + esMin) / 2.0;                                                    // eq. 12
        double delta = 4098.0 * (0.6108 * Math.exp(17.27 * t / (t + 237.3))) / ((t + 237.3) * (t + 237.3)); // 13
        double ea = rhMean / 100.0 * es;                                                      // eq. 19
        double phi = Math.PI / 180.0 * latitudeDegrees;                                       // eq. 22
        double dr = 1.0 + 0.033 * Math.cos(2.0 * Math.PI / 365.0 * dayOfYear);                // eq. 23
        double decl = 0.409 * Math.sin(2.0 * Math.PI / 365.0 * dayOfYear - 1.39);             // eq. 24
        double ws = Math.acos(Math.max(-1.0, Math.min(1.0, -Math.tan(phi) * Math.tan(decl)))); // eq. 25
        double ra = 24.0 * 60.0 / Math.PI * 0.0820 * dr
                * (ws * Math.sin(phi) * Math.sin(decl) + Math.cos(phi) * Math.cos(decl) * Math.sin(ws)); // eq. 21
        double rso = (0.75 + 2e-5 * elevationMetres) * ra;                                    // eq. 37
        double rns = (1.0 - 0.23) * rs;                                                       // eq. 38
        double ratio = Math.min(1.0, rs / rso);
        double rnl = 4.903e-9 * (Math.pow(tmax + 273.16, 4) + Math.pow(tmin + 273.16, 4)) / 2.0
                * (0.34 - 0.14 * Math.sqrt(ea)) * (1.35 * ratio - 0.35);                     // eq. 39
        double rn = rns - rnl;                                                                // eq. 40
        return (0.408 * delta * rn + gamma * 900.0 / (t + 273.0) * u2 * (es - ea))
                / (delta + gamma * (1.0 + 0.34 * u2));                                        // eq. 6, G = 0
    }

    /**
     * The loop over a workload.
     *
     * @param w   the records
     * @param out receives ETo
     */
    public static void run(Workloads.Records w, double[] out) {
        for (int i = 0; i < w.size; i++) {
            out[i] = eto(w.latitude[i], w.elevation[i], w.dayOfYear[i], w.tmax[i], w.tmin[i], w.rhMean[i], w.u2[i],
                    w.rs[i]);
        }
    }
}
