package org.eto4j.fusion;

/**
 * The FAO-56 daily inputs that eto-fusion corrects and fuses, each with its unit and the form of its correction
 * {@code x' = scale · x + bias}.
 *
 * <p>Radiation and wind are corrected by a factor (reanalyses overestimate both roughly in proportion, and a zero
 * must stay zero); temperatures and humidity by an offset. When a calibration is fitted against reference ETo only,
 * the other part of each correction is held at its neutral value (scale 1 or bias 0); against reference variables
 * both are fitted.
 */
public enum Variable {
    /** Daily maximum air temperature at 2 m, °C; corrected by an offset. */
    TMAX(false),
    /** Daily minimum air temperature at 2 m, °C; corrected by an offset. */
    TMIN(false),
    /** Daily mean relative humidity, %; corrected by an offset, then held within 1–100 %. */
    RH_MEAN(false),
    /** Wind speed at 2 m, m s⁻¹ (converted from another height with FAO-56 eq. 47); corrected by a factor. */
    U2(true),
    /** Incoming solar (shortwave) radiation, MJ m⁻² d⁻¹; corrected by a factor. */
    RS(true);

    private final boolean multiplicative;

    Variable(boolean multiplicative) {
        this.multiplicative = multiplicative;
    }

    /**
     * Whether an ETo-only calibration corrects this variable by a factor (true) or an offset (false).
     *
     * @return true for radiation and wind
     */
    public boolean multiplicative() {
        return multiplicative;
    }
}
