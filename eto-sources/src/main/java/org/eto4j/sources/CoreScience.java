package org.eto4j.sources;

import org.eto4j.core.Radiation;
import org.eto4j.core.Wind;

/** {@link ScienceBridge} backed by eto-core's FAO-56 functions: one implementation of each equation in eto4j. */
final class CoreScience implements ScienceBridge {
    static final CoreScience INSTANCE = new CoreScience();

    private CoreScience() {
    }

    @Override
    public double extraterrestrialRadiation(double latitudeDegrees, int dayOfYear) {
        return Radiation.extraterrestrialDaily(Math.toRadians(latitudeDegrees), dayOfYear);
    }

    @Override
    public double windAt2Metres(double speedMetresPerSecond, double heightMetres) {
        return Wind.toTwoMetres(speedMetresPerSecond, heightMetres);
    }
}
