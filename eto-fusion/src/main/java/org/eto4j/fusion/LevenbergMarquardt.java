package org.eto4j.fusion;

import java.util.function.Function;

/**
 * Non-linear least squares by the Levenberg–Marquardt method (Levenberg 1944, Q. Appl. Math. 2:164–168;
 * Marquardt 1963, J. SIAM 11:431–441) with a forward-difference Jacobian and Marquardt's diagonal scaling. Small
 * problems only (a handful of parameters): the normal equations are solved directly.
 */
final class LevenbergMarquardt {
    private LevenbergMarquardt() {
    }

    /**
     * Minimises the sum of squared residuals.
     *
     * @param residuals the residual vector of a parameter vector (NaN-free)
     * @param start     the starting point
     * @param steps     the finite-difference step of each parameter
     * @param maxIterations the iteration bound
     * @return the parameters at the minimum found
     */
    static double[] minimise(Function<double[], double[]> residuals, double[] start, double[] steps,
                             int maxIterations) {
        int p = start.length;
        double[] x = start.clone();
        double[] r = residuals.apply(x);
        double cost = dot(r, r);
        double lambda = 1e-3;
        for (int it = 0; it < maxIterations; it++) {
            double[][] jac = new double[p][];
            for (int j = 0; j < p; j++) {
                double[] xj = x.clone();
                xj[j] += steps[j];
                double[] rj = residuals.apply(xj);
                jac[j] = new double[r.length];
                for (int i = 0; i < r.length; i++) {
                    jac[j][i] = (rj[i] - r[i]) / steps[j];
                }
            }
            double[][] jtj = new double[p][p];
            double[] jtr = new double[p];
            for (int a = 0; a < p; a++) {
                jtr[a] = dot(jac[a], r);
                for (int b = a; b < p; b++) {
                    jtj[a][b] = dot(jac[a], jac[b]);
                    jtj[b][a] = jtj[a][b];
                }
            }
            boolean improved = false;
            for (int attempt = 0; attempt < 10 && !improved; attempt++) {
                double[][] m = new double[p][p];
                double[] g = new double[p];
                for (int a = 0; a < p; a++) {
                    System.arraycopy(jtj[a], 0, m[a], 0, p);
                    m[a][a] += lambda * Math.max(jtj[a][a], 1e-12);
                    g[a] = -jtr[a];
                }
                double[] delta = Engine.solve(m, g);
                if (delta == null) {
                    lambda *= 10;
                    continue;
                }
                double[] xn = x.clone();
                for (int a = 0; a < p; a++) {
                    xn[a] += delta[a];
                }
                double[] rn = residuals.apply(xn);
                double cn = dot(rn, rn);
                if (Double.isFinite(cn) && cn < cost) {
                    double gain = (cost - cn) / cost;
                    x = xn;
                    r = rn;
                    cost = cn;
                    lambda = Math.max(lambda / 10, 1e-9);
                    improved = true;
                    if (gain < 1e-7) {
                        return x;
                    }
                } else {
                    lambda *= 10;
                }
            }
            if (!improved) {
                return x;
            }
        }
        return x;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
