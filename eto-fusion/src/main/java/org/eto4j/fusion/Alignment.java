package org.eto4j.fusion;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The alignment rule shared by fusion and calibration: distinct sources, the same days row by row. */
final class Alignment {
    private Alignment() {
    }

    static void check(List<SourceSeries> sources) {
        Set<String> names = new HashSet<>();
        for (SourceSeries s : sources) {
            if (!names.add(s.source())) {
                throw new FusionException(FusionErrorCode.DUPLICATE_SOURCE, s.source());
            }
        }
        LocalDate[] first = sources.get(0).dateArray();
        for (SourceSeries s : sources.subList(1, sources.size())) {
            LocalDate[] d = s.dateArray();
            int n = Math.min(first.length, d.length);
            for (int i = 0; i < n; i++) {
                if (!d[i].equals(first[i])) {
                    throw new FusionException(FusionErrorCode.MISALIGNED_DATES, s.source(), i, d[i], first[i]);
                }
            }
            if (d.length != first.length) {
                int row = n;
                LocalDate date = d.length > n ? d[n] : null;
                LocalDate expected = first.length > n ? first[n] : null;
                throw new FusionException(FusionErrorCode.MISALIGNED_DATES, s.source(), row, date, expected);
            }
        }
    }
}
