package org.eto4j.core;

/**
 * The numeric conventions one computation runs with, decoupled from the public builder so that other
 * calculators of this package (e.g. a standardized ASCE-EWRI one) can drive the same {@link Kernel}.
 */
record Conventions(RsRsoBound rsRsoBound, RsoFormula rsoFormula, double kRs, double aridTminOffset,
                   double angstromAs, double angstromBs, double defaultWindSpeed, double stefanBoltzmann,
                   double stefanBoltzmannHourly, double kelvinOffset, double dailyCn, double dailyCd,
                   double hourlyCn, double hourlyCdDay, double hourlyCdNight, double hourlyGDay,
                   double hourlyGNight, NightRsRso nightRsRso, double assumedRsRso,
                   NegativeEtoPolicy negativeEtoPolicy) {
}
