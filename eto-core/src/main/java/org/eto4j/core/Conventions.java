package org.eto4j.core;

/**
 * The numeric conventions a {@link Kernel} runs with, copied from {@link Fao56.Builder}'s options once per
 * calculator so that the kernel reads plain final fields and never the public builder. Only {@link Fao56}
 * makes one; {@link AsceEwri} has equations of its own and does not use the kernel.
 */
record Conventions(RsRsoBound rsRsoBound, RsoFormula rsoFormula, double kRs, double aridTminOffset,
                   double angstromAs, double angstromBs, double defaultWindSpeed, double stefanBoltzmann,
                   double stefanBoltzmannHourly, double kelvinOffset, double dailyCn, double dailyCd,
                   double hourlyCn, double hourlyCdDay, double hourlyCdNight, double hourlyGDay,
                   double hourlyGNight, NightRsRso nightRsRso, double assumedRsRso,
                   NegativeEtoPolicy negativeEtoPolicy) {
}
