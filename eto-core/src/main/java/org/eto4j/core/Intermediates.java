package org.eto4j.core;

/**
 * The intermediate quantities of one ETo computation, for audit and teaching. Energy terms are in MJ m⁻² per
 * step (per day for daily and monthly steps, per hour for hourly steps).
 *
 * @param ra          extraterrestrial radiation Ra (eq. 21 or 28)
 * @param rso         clear-sky solar radiation Rso (eq. 37 or 36)
 * @param rs          solar radiation Rs, measured or estimated (eq. 35 or 50)
 * @param relativeShortwave Rs/Rso after the bound (or the assumed night / polar value)
 * @param rns         net shortwave radiation Rns (eq. 38)
 * @param rnl         net longwave radiation Rnl (eq. 39)
 * @param rn          net radiation Rn (eq. 40)
 * @param g           soil heat flux G (eq. 42–46)
 * @param temperature the temperature used for Δ and the Cn/(T+273) term (°C)
 * @param delta       slope of the vapour pressure curve Δ (kPa °C⁻¹, eq. 13)
 * @param gamma       psychrometric constant γ (kPa °C⁻¹, eq. 8)
 * @param es          saturation vapour pressure es (kPa, eq. 12; e°(Thr) for hours)
 * @param ea          actual vapour pressure ea (kPa)
 * @param u2          wind speed at 2 m (m/s)
 * @param pressure    atmospheric pressure P (kPa, eq. 7)
 */
public record Intermediates(double ra, double rso, double rs, double relativeShortwave, double rns, double rnl,
                            double rn, double g, double temperature, double delta, double gamma, double es,
                            double ea, double u2, double pressure) {

    /** Vapour pressure deficit es − ea (kPa). */
    public double vapourPressureDeficit() {
        return es - ea;
    }
}
