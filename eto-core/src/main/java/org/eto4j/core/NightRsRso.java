package org.eto4j.core;

/**
 * The relative shortwave radiation Rs/Rso used for night-time hours, when Rso is zero (FAO-56 ch. 4, hourly
 * time step: "Rs/Rso … for night-time … can be set equal to the Rs/Rso calculated for a time period occurring
 * 2–3 hours before sunset").
 */
public sealed interface NightRsRso permits NightRsRso.CarryForward, NightRsRso.Fixed {

    /**
     * Carry the last daytime ratio forward (default). The carried ratio is updated by every period whose
     * mid-point sun elevation is at least {@link CarryForward#MIN_SUN_ELEVATION_RADIANS}, which keeps the
     * noisy low-sun periods around sunset out (ASCE-EWRI 2005 uses the same 0.3 rad threshold). Before the
     * first such period the calculator's assumed ratio is used.
     *
     * @return the policy
     */
    static NightRsRso carryForward() {
        return CarryForward.INSTANCE;
    }

    /**
     * Use a fixed ratio, e.g. 0.8 for arid sites as FAO-56 example 19 assumes.
     *
     * @param ratio Rs/Rso for night hours, 0.3 to 1.0 (the range over which eq. 39 is meaningful)
     * @return the policy
     * @throws EtoException {@link ErrorCode#INVALID_OPTION} when the ratio is outside 0.3–1.0
     */
    static NightRsRso fixed(double ratio) {
        return new Fixed(ratio);
    }

    /** The carry-forward policy. */
    final class CarryForward implements NightRsRso {
        /** Minimum mid-period sun elevation, 0.3 rad (about 17°), for a period to update the carried ratio. */
        public static final double MIN_SUN_ELEVATION_RADIANS = 0.3;
        static final CarryForward INSTANCE = new CarryForward();

        private CarryForward() {
        }

        @Override
        public String toString() {
            return "carryForward";
        }
    }

    /**
     * A fixed night-time ratio.
     *
     * @param ratio Rs/Rso for night hours
     */
    record Fixed(double ratio) implements NightRsRso {
        /** Validates the ratio. */
        public Fixed {
            if (!(ratio >= 0.3 && ratio <= 1.0)) {
                throw new EtoException(ErrorCode.INVALID_OPTION, "nightRsRso", -1, "nightRsRso", ratio, "0.3..1.0");
            }
        }
    }
}
