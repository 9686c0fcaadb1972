package org.eto4j.examples.cli;

/** The text of {@code eto-cli --help}. */
final class Help {
    private Help() {
    }

    static String text(String command) {
        return """
                eto-cli — reference evapotranspiration (FAO-56 Penman-Monteith, ASCE-EWRI and simpler
                methods) from CSV files

                Usage:
                  java -jar eto-cli.jar daily   --latitude DEG --elevation M [options]
                  java -jar eto-cli.jar monthly --latitude DEG --elevation M [options]
                  java -jar eto-cli.jar hourly  --latitude DEG --longitude DEG --elevation M [options]
                  java -jar eto-cli.jar fetch   --source S --latitude DEG --longitude DEG
                                                --start YYYY-MM-DD --end YYYY-MM-DD [--base-url URL] [--output F]
                  java -jar eto-cli.jar daily   --source S --latitude DEG --longitude DEG
                                                --start YYYY-MM-DD --end YYYY-MM-DD [--elevation M] [--base-url URL]
                  java -jar eto-cli.jar fuse    --latitude DEG --longitude DEG --elevation M
                                                --nasa-power FILE --open-meteo FILE [--calibration NAME|FILE]
                  java -jar eto-cli.jar calibrate --stations MANIFEST.csv [--from YYYY-MM-DD]
                                                [--until YYYY-MM-DD] [--name NAME] --output CAL.json

                Station:
                  --latitude DEG        latitude in decimal degrees, north positive (-90 to 90)
                  --longitude DEG       longitude in decimal degrees, east positive (required for hourly)
                  --elevation M         elevation above sea level, metres
                  --wind-height M       height of the wind measurement (default 2 m; 'uz' is converted to
                                        2 m with FAO-56 eq. 47; the WS10M column always means 10 m)

                Input and output:
                  --input FILE|-        CSV input (default '-': standard input)
                  --output FILE|-       CSV output (default '-': standard output)
                  --decimals N          decimals of the eto column (default 4), rounded half up from the
                                        decimal value (3.88025 -> 3.8803), as every CSV of eto4j
                  --lenient             flag invalid rows (eto empty, flags 'invalid_row'), warn, and go on;
                                        without it the first invalid row stops the run with exit status 1
                  --lang en|pt-BR       language of error messages (default: the system's)
                  --progress / --no-progress
                                        progress bar on standard error (default: only on a terminal)

                Method:
                  --method NAME         daily:   fao56 (default), asce-short, asce-tall, hargreaves-samani,
                                                 priestley-taylor, makkink, turc, oudin, blaney-criddle,
                                                 jensen-haise, abtew, hamon, linacre, romanenko, auto
                                        monthly: fao56 (default), thornthwaite, auto
                                        hourly:  fao56 (default), asce-short, asce-tall, auto
                                        asce-short/asce-tall: ASCE-EWRI (2005) standardized ET for the short
                                        (grass) and tall (alfalfa) reference crop. auto: per row, Penman-
                                        Monteith when Tmax and Tmin are there (with FAO-56 estimates for
                                        what is missing), else Makkink (tmean and rs) or Oudin (tmean only);
                                        the output then has a fourth column, 'method'. hourly auto:
                                        FAO-56's hourly Penman-Monteith when the header has t, rs and
                                        rh, tdew or ea (wind may be absent: 2 m/s, flagged); else the
                                        run stops naming the missing column. monthly auto, from the
                                        header: FAO-56's monthly Penman-Monteith with tmax and tmin
                                        (estimates for the rest), else Thornthwaite with tmean (twelve
                                        calendar months needed); else the run stops naming the missing
                                        column (tmin, tmax or tmean).
                                        Each simpler method needs its own columns, e.g. priestley-taylor:
                                        tmax, tmin, rs; makkink: tmean (or tmax, tmin), rs; romanenko and
                                        linacre: a humidity column; a missing one is reported by name.
                  --profile asce|ref-et constants of the ASCE-EWRI methods: the standard's (asce, default)
                                        or those of the Ref-ET program (ref-et; hourly also its rules at
                                        low sun and night, which reproduce Ref-ET's printed hours)

                Conventions (defaults are FAO-56's):
                  --krs interior|coastal|X
                                        Hargreaves radiation coefficient when Rs is estimated from the
                                        temperature range (eq. 50): 0.16 interior (default), 0.19 coastal
                  --arid-tmin-offset C  ea from Tmin − C when humidity is missing (default 0; 2–3 for arid sites)
                  --rs-rso-bound fao56|asce
                                        Rs/Rso ≤ 1.0 (fao56, default) or clipped to 0.3–1.0 (asce)
                  --time-stamp start|end
                                        hourly: the datetime marks the start (default) or the end of the
                                        hour (end: station loggers and Ref-ET; 15:00 is 14:00-15:00)
                  --standard-meridian DEG
                                        hourly: datetime is a clock time without offset
                                        (2015-04-13T19:00; 24:00 = next day 00:00) on this meridian, in
                                        degrees WEST (120 = US Pacific standard time), standard time all
                                        year, never daylight saving, as Ref-ET's 'time zone longitude'.
                                        A Ref-ET file: --time-stamp end --standard-meridian 120
                  --night-rs-rso carry-forward|X
                                        hourly: Rs/Rso for night hours: the last daytime ratio (default) or X
                  --tmean extremes|measured
                                        daily: the mean temperature is (Tmax + Tmin)/2 whenever both are
                                        given (extremes, default: FAO-56's standardisation, flagged
                                        tmean_from_extremes), or the measured tmean / T2M column when the
                                        row has one (measured); also for daily --source
                  --oudin fao56|airgr   daily oudin and auto: Ra from FAO-56 eq. 21 and λ = 2.45 MJ/kg
                                        (fao56, default) or, as the authors' airGR package, Ra from Morton
                                        (1983) and λ = 28.5 W d/kg (airgr; about 1.7 % more at 32° N in
                                        January)
                  --day-length mid-month|month-mean
                                        monthly thornthwaite and auto: day length L from FAO-56 eq. 34 on
                                        the 15th (mid-month, default) or averaged over the month's days
                                        (month-mean, as PyETo)

                Input columns (header required, names case-insensitive, any order; others are ignored):
                  daily    date (YYYY-MM-DD), tmax, tmin, tmean, rh_max, rh_min, rh_mean, tdew, ea, u2, uz,
                           rs (MJ m-2 day-1), sunshine_hours
                  monthly  month (YYYY-MM) and the daily columns as monthly means
                  hourly   datetime (e.g. 1998-10-01T14:00-01:00, the start of the hour), t, rh, tdew, ea,
                           u2, uz, rs (MJ m-2 hour-1)
                  NASA POWER names are aliases: T2M_MAX, T2M_MIN, T2M, RH2M, WS2M, WS10M (at 10 m),
                  ALLSKY_SFC_SW_DWN, T2MDEW. Empty cells, NA, NaN and -999 are missing values.
                  Units: °C, %, m/s, kPa, hours. Rows must be in increasing time order.

                Missing data (FAO-56 chapter 3): without humidity ea = e°(Tmin); without Rs, Rs from
                sunshine hours, else from the temperature range; without wind, 2 m/s. Every estimate is
                named in the 'flags' column (e.g. ea_from_tmin|rs_from_temperature_range).

                Weather services (fetch, or daily --source):
                  --source S            nasa-power | open-meteo-archive | open-meteo-forecast | met-norway | fused (daily)
                  --start, --end        the period, whole days, both included
                  --base-url URL        a mirror or proxy of the service (and of the elevation service)
                  fetch writes the input columns above (with per-value flags); daily --source computes ETo,
                  with the elevation from --elevation, else the service's answer, else the elevation service.
                  The service's attribution is printed on standard error.

                Fusion (eto-fusion: NASA POWER and Open-Meteo bias-corrected and combined):
                  fuse                  reads two daily files in NASA POWER's names (date, T2M_MAX, T2M_MIN,
                                        RH2M, WS2M or WS10M at 10 m, ALLSKY_SFC_SW_DWN) and writes
                                        date,eto,eto_p05,eto_p95,flags (the 5-95 % interval; flags
                                        corrected, source_missing, variable_filled, no_source,
                                        not_calibrated, outside_training_range, invalid_input)
                  daily --source fused  the same from both services for the point and period; a service
                                        that fails is reported and the other is used, every day flagged
                                        source_missing (both failing: exit status 4)
                  --calibration NAME|FILE
                                        matopiba (default; 3.5-14.4 S, 41.9-50.4 W) or a JSON file from
                                        calibrate; a point outside its region is refused (FUS-2004)
                  calibrate             fits a calibration from a manifest CSV
                                        name,latitude,longitude,elevation,nasa_power,open_meteo,reference
                                        (paths relative to it; reference files date,eto); one station:
                                        local, several: regional; --from/--until bound the training
                                        period; at least 30 days per calendar month

                Output: CSV with date (month, datetime), eto (mm per step; monthly: mean mm per day) and
                flags (and method with --method auto).
                Exit status: 0 success, 1 invalid input, 2 bad command line, 3 input/output failure,
                4 weather service failure.
                """;
    }
}
