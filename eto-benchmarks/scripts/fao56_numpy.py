"""Plain numpy FAO-56 daily Penman-Monteith: the vectorised code a user would write, with eto4j's defaults.

Reads a workload written by org.eto4j.benchmarks.Workloads (which also holds eto4j's ETo), times the numpy
implementation over it, checks that both agree, and prints one JSON line with the figures.

usage: fao56_numpy.py random|stations FILE REPEATS [MIN_SECONDS]

Runs at least REPEATS timed repetitions and keeps repeating until MIN_SECONDS (default 0) have been spent timing,
so that a short workload is timed over a window comparable to JMH's measurement iterations, not over a few
milliseconds that may fall into a fast or a slow moment of a shared machine.
"""
import json
import sys
import time

import numpy as np


def esat(t):
    return 0.6108 * np.exp(17.27 * t / (t + 237.3))                               # FAO-56 eq. 11


def eto_daily(doy, tmax, tmin, rh_mean, u2, rs, lat_deg, elev):
    """FAO-56 eq. 6 (G = 0) with RHmean (eq. 19) and measured Rs; lat_deg/elev may be scalars or arrays."""
    p = 101.3 * ((293.0 - 0.0065 * elev) / 293.0) ** 5.26                          # eq. 7
    gamma = 0.665e-3 * p                                                           # eq. 8
    tmean = (tmax + tmin) / 2.0                                                    # eq. 9
    es = (esat(tmax) + esat(tmin)) / 2.0                                           # eq. 12
    delta = 4098.0 * esat(tmean) / (tmean + 237.3) ** 2                            # eq. 13
    ea = rh_mean / 100.0 * es                                                      # eq. 19
    phi = np.deg2rad(lat_deg)                                                      # eq. 22
    dr = 1.0 + 0.033 * np.cos(2.0 * np.pi / 365.0 * doy)                           # eq. 23
    decl = 0.409 * np.sin(2.0 * np.pi / 365.0 * doy - 1.39)                        # eq. 24
    ws = np.arccos(np.clip(-np.tan(phi) * np.tan(decl), -1.0, 1.0))                # eq. 25
    ra = (24.0 * 60.0 / np.pi * 0.0820 * dr
          * (ws * np.sin(phi) * np.sin(decl) + np.cos(phi) * np.cos(decl) * np.sin(ws)))  # eq. 21
    rso = (0.75 + 2e-5 * elev) * ra                                                # eq. 37
    rns = (1.0 - 0.23) * rs                                                        # eq. 38
    ratio = np.minimum(rs / rso, 1.0)
    rnl = (4.903e-9 * ((tmax + 273.16) ** 4 + (tmin + 273.16) ** 4) / 2.0
           * (0.34 - 0.14 * np.sqrt(ea)) * (1.35 * ratio - 0.35))                 # eq. 39
    rn = rns - rnl                                                                 # eq. 40
    return ((0.408 * delta * rn + gamma * 900.0 / (tmean + 273.0) * u2 * (es - ea))
            / (delta + gamma * (1.0 + 0.34 * u2)))                                 # eq. 6


def read(path):
    with open(path, "rb") as f:
        n, stations = np.frombuffer(f.read(8), dtype="<i4")
        cols = np.frombuffer(f.read(), dtype="<f8").reshape(9, n)
    return int(n), int(stations), [np.ascontiguousarray(c) for c in cols]


def main():
    kind, path, repeats = sys.argv[1], sys.argv[2], int(sys.argv[3])
    min_seconds = float(sys.argv[4]) if len(sys.argv) > 4 else 0.0
    n, stations, (doy, tmax, tmin, rh, u2, rs, lat, elev, eto_java) = read(path)
    if kind == "random":
        def run():
            return eto_daily(doy, tmax, tmin, rh, u2, rs, lat, elev)
    else:
        # One call per station, latitude and elevation as scalars: what a user with station files would write.
        bounds = np.flatnonzero(np.diff(lat) != 0.0) + 1
        starts = np.concatenate(([0], bounds))
        ends = np.concatenate((bounds, [n]))

        def run():
            return np.concatenate([eto_daily(doy[a:b], tmax[a:b], tmin[a:b], rh[a:b], u2[a:b], rs[a:b],
                                             float(lat[a]), float(elev[a])) for a, b in zip(starts, ends)])
    times = []
    cpu = []
    out = None
    run()  # warm-up: first-touch of numpy's temporaries
    spent = 0.0
    while len(times) < repeats or spent < min_seconds:
        c0 = time.process_time()
        t0 = time.perf_counter()
        out = run()
        times.append(time.perf_counter() - t0)
        spent += times[-1]
        cpu.append(time.process_time() - c0)
    rel = np.abs(out - eto_java) / np.maximum(np.abs(eto_java), 1e-3)
    times.sort()
    cpu.sort()
    median = times[len(times) // 2]
    print(json.dumps({
        "kind": kind, "rows": n, "repeats": len(times), "numpy": np.__version__,
        "median_s": median, "min_s": times[0], "max_s": times[-1],
        "records_per_s": n / median, "records_per_s_min": n / times[-1], "records_per_s_max": n / times[0],
        "cpu_ns_per_record": cpu[len(cpu) // 2] / n * 1e9, "cpu_ns_per_record_min": cpu[0] / n * 1e9,
        "cpu_ns_per_record_max": cpu[-1] / n * 1e9,
        "max_relative_difference": float(rel.max()), "finite": bool(np.isfinite(out).all()),
    }))


if __name__ == "__main__":
    main()
