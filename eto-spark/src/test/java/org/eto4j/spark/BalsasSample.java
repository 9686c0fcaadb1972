package org.eto4j.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/**
 * The project's sample (examples/samples/balsas-ma-2016-2020.csv, NASA POWER daily data for Balsas, MA, Brazil,
 * see its README), read from where it is committed.
 */
final class BalsasSample {
    static final double LATITUDE = -7.5312;
    static final double ELEVATION = 256;

    final int size;
    final LocalDate[] date;
    final double[] tmax;
    final double[] tmin;
    final double[] tmean;
    final double[] rhMean;
    final double[] u2;
    final double[] rs;

    private BalsasSample(List<String> lines) {
        size = lines.size() - 1;
        date = new LocalDate[size];
        tmax = new double[size];
        tmin = new double[size];
        tmean = new double[size];
        rhMean = new double[size];
        u2 = new double[size];
        rs = new double[size];
        for (int i = 0; i < size; i++) {
            String[] c = lines.get(i + 1).split(",", -1);
            date[i] = LocalDate.parse(c[0]);
            tmax[i] = Double.parseDouble(c[1]);
            tmin[i] = Double.parseDouble(c[2]);
            tmean[i] = Double.parseDouble(c[3]);
            rhMean[i] = Double.parseDouble(c[4]);
            u2[i] = Double.parseDouble(c[5]);
            rs[i] = Double.parseDouble(c[6]);
        }
    }

    static BalsasSample load() {
        try {
            return new BalsasSample(Files.readAllLines(Path.of("../examples/samples/balsas-ma-2016-2020.csv")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int[] dayOfYear() {
        int[] doy = new int[size];
        for (int i = 0; i < size; i++) {
            doy[i] = date[i].getDayOfYear();
        }
        return doy;
    }
}
