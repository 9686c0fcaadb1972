package org.eto4j.sources;

/** {@link ScienceBridge} backed by eto-core's FAO-56 functions. */
final class CoreScience implements ScienceBridge {
    static final CoreScience INSTANCE = new CoreScience();

    private CoreScience() {
    }

    @Override
    public double extraterrestrialRadiation(double latitudeDegrees, int dayOfYear) {
        // FAO-56 eq. 21 with eq. 23 (dr), 24 (δ) and 25 (ωs).
        double phi = Math.toRadians(latitudeDegrees);
        double dr = 1 + 0.033 * Math.cos(2 * Math.PI / 365 * dayOfYear);
        double delta = 0.409 * Math.sin(2 * Math.PI / 365 * dayOfYear - 1.39);
        double x = Math.max(-1, Math.min(1, -Math.tan(phi) * Math.tan(delta)));
        double ws = Math.acos(x);
        double ra = 24 * 60 / Math.PI * 0.0820 * dr
                * (ws * Math.sin(phi) * Math.sin(delta) + Math.cos(phi) * Math.cos(delta) * Math.sin(ws));
        return Math.max(0, ra);
    }

    @Override
    public double windAt2Metres(double speedMetresPerSecond, double heightMetres) {
        // FAO-56 eq. 47.
        return speedMetresPerSecond * 4.87 / Math.log(67.8 * heightMetres - 5.42);
    }
}
