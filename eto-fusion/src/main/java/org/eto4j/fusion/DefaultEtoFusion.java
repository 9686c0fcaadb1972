package org.eto4j.fusion;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.eto4j.core.Station;

/** The one {@link EtoFusion}. */
final class DefaultEtoFusion implements EtoFusion {
    private final FusionCalibration cal;
    private final Estimator estimator;

    DefaultEtoFusion(FusionCalibration cal, Estimator estimator) {
        this.cal = cal;
        this.estimator = estimator;
    }

    @Override
    public FusionCalibration calibration() {
        return cal;
    }

    @Override
    public Estimator estimator() {
        return estimator;
    }

    @Override
    public FusedSeries fuse(Station station, List<SourceSeries> sources) {
        if (sources.size() < 2) {
            throw new FusionException(FusionErrorCode.TOO_FEW_SOURCES, sources.size(), 2);
        }
        Alignment.check(sources);
        int k = sources.size();
        int[] calIndex = new int[k];
        for (int s = 0; s < k; s++) {
            calIndex[s] = cal.sourceIndex(sources.get(s).source());
            for (Variable v : Variable.values()) {
                if (!sources.get(s).has(v)) {
                    throw new FusionException(FusionErrorCode.MISSING_VARIABLE, sources.get(s).source(), v.name());
                }
            }
        }
        if (!station.hasLongitude()) {
            throw new FusionException(FusionErrorCode.MISSING_LONGITUDE);
        }
        if (!cal.domain.contains(station.latitudeDegrees(), station.longitudeDegrees())) {
            throw new FusionException(FusionErrorCode.OUTSIDE_CALIBRATION_DOMAIN, cal.name,
                    station.latitudeDegrees(), station.longitudeDegrees(), cal.domain.toString());
        }
        LocalDate[] dates = sources.get(0).dateArray();
        int n = dates.length;
        double[][][] raw = new double[k][][];
        for (int s = 0; s < k; s++) {
            raw[s] = new double[Engine.NV][];
            for (Variable v : Variable.values()) {
                raw[s][v.ordinal()] = sources.get(s).column(v);
            }
        }
        Rows rows = Rows.of(station.latitudeDegrees(), station.elevationMetres(), dates, raw, null);
        double[][][] corrected = new double[k][][];
        for (int s = 0; s < k; s++) {
            corrected[s] = Engine.corrected(cal, calIndex[s], rows, s);
        }
        int[] flags = new int[n];
        int givenMask = 0;
        for (int c : calIndex) {
            givenMask |= 1 << c;
        }

        // The fused inputs: every source that has the value on the day.
        int nCal = cal.sources.size();
        double[][] values = new double[Engine.NV][n];
        double[][] variances = new double[Engine.NV][n];
        double[] byCal = new double[nCal];
        double[] result = new double[2];
        int[] completeMask = new int[n];
        for (int i = 0; i < n; i++) {
            for (int v = 0; v < Engine.NV; v++) {
                Arrays.fill(byCal, Double.NaN);
                for (int s = 0; s < k; s++) {
                    byCal[calIndex[s]] = corrected[s][v][i];
                }
                int used = Engine.fuseVariable(cal, v, rows.month[i], byCal, givenMask, result);
                values[v][i] = result[0];
                variances[v][i] = result[1];
                if (used > 0 && used < k) {
                    flags[i] |= FusionFlag.VARIABLE_FILLED.bit();
                }
            }
            for (int s = 0; s < k; s++) {
                if (Engine.complete(corrected[s], i)) {
                    completeMask[i] |= 1 << calIndex[s];
                }
            }
        }

        // ETo: per source then combined, or from the fused inputs.
        int[] mask = new int[n];
        double[][] perSource = null;
        double[] fromFused = null;
        if (estimator == Estimator.VARIABLE_FUSION) {
            fromFused = Engine.eto(rows, Engine.fusedOverMask(cal, rows, calIndex, corrected, completeMask));
            for (int i = 0; i < n; i++) {
                mask[i] = Double.isFinite(fromFused[i]) ? completeMask[i] : 0;
                if (completeMask[i] != 0 && mask[i] == 0) {
                    flags[i] |= FusionFlag.INVALID_INPUT.bit();
                }
            }
        } else {
            perSource = Engine.sourceEto(cal, estimator, rows, calIndex, corrected);
            for (int i = 0; i < n; i++) {
                for (int s = 0; s < k; s++) {
                    if (Double.isFinite(perSource[s][i])) {
                        mask[i] |= 1 << calIndex[s];
                    } else if ((completeMask[i] & (1 << calIndex[s])) != 0) {
                        flags[i] |= FusionFlag.INVALID_INPUT.bit();
                    }
                }
            }
        }
        double[] eto = new double[n];
        double[] sd = new double[n];
        for (int i = 0; i < n; i++) {
            eto[i] = Double.NaN;
            sd[i] = Double.NaN;
            if (mask[i] == 0) {
                flags[i] |= FusionFlag.NO_SOURCE.bit();
                continue;
            }
            if (mask[i] != givenMask) {
                flags[i] |= FusionFlag.SOURCE_MISSING.bit();
            }
            Combination c = cal.combination(estimator, rows.month[i] + 1, mask[i]);
            if (c == null) {
                flags[i] |= FusionFlag.NOT_CALIBRATED.bit();
                continue;
            }
            double f;
            if (fromFused != null) {
                f = fromFused[i];
            } else {
                f = 0;
                int w = 0;
                for (int ci = 0; ci < nCal; ci++) {
                    if ((mask[i] & (1 << ci)) != 0) {
                        f += c.weights()[w++] * perSource[indexOf(calIndex, ci)][i];
                    }
                }
            }
            double y = c.finalEstimate(f);
            eto[i] = y;
            sd[i] = c.spread(y);
            flags[i] |= FusionFlag.CORRECTED.bit();
            if (y < c.minimum() || y > c.maximum()) {
                flags[i] |= FusionFlag.OUTSIDE_TRAINING_RANGE.bit();
            }
        }
        return new FusedSeries(estimator, dates.clone(), values, variances, eto, sd, flags);
    }

    private static int indexOf(int[] calIndex, int c) {
        for (int s = 0; s < calIndex.length; s++) {
            if (calIndex[s] == c) {
                return s;
            }
        }
        throw new IllegalStateException("source " + c);
    }

    @Override
    public String toString() {
        return "EtoFusion[" + cal.name + ", " + estimator + "]";
    }
}
