package org.eto4j.examples.spark;

import static org.apache.spark.sql.functions.acos;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.cos;
import static org.apache.spark.sql.functions.dayofyear;
import static org.apache.spark.sql.functions.exp;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.radians;
import static org.apache.spark.sql.functions.sin;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.tan;

import org.apache.spark.sql.Column;

/**
 * FAO-56 daily ETo written as Spark SQL built-in expressions, as users write it today: the benchmark's baseline.
 * Inputs as in NASA POWER's daily table (Tmax, Tmin, RHmean, u2, Rs, per-row latitude and elevation), G = 0, no
 * missing-data procedures and no quality control. Agrees with eto-core to about 1e-12 relative on valid rows.
 */
final class BuiltinFao56 {
    private BuiltinFao56() {
    }

    /**
     * ETo (mm d⁻¹) as one column expression.
     *
     * @return the expression over LAT, ELEV, date, T2M_MAX, T2M_MIN, RH2M, WS2M, ALLSKY_SFC_SW_DWN
     */
    static Column eto() {
        Column tmax = col("T2M_MAX");
        Column tmin = col("T2M_MIN");
        Column z = col("ELEV");
        Column u2 = col("WS2M");
        Column rs = col("ALLSKY_SFC_SW_DWN");
        // eq. 7 and 8: pressure and psychrometric constant
        Column pressure = lit(101.3).multiply(pow(lit(293.0).minus(z.multiply(0.0065)).divide(293.0), 5.26));
        Column gamma = pressure.multiply(0.665e-3);
        // eq. 9, 11, 12, 13: mean temperature, saturation vapour pressure, slope
        Column tmean = tmax.plus(tmin).divide(2);
        Column eMax = saturation(tmax);
        Column eMin = saturation(tmin);
        Column es = eMax.plus(eMin).divide(2);
        Column delta = lit(4098.0).multiply(saturation(tmean)).divide(pow(tmean.plus(237.3), 2));
        // eq. 19: actual vapour pressure from mean relative humidity
        Column ea = col("RH2M").divide(100).multiply(es);
        // eq. 21–25: extraterrestrial radiation
        Column j = dayofyear(col("date"));
        Column dr = lit(1.0).plus(cos(j.multiply(2 * Math.PI / 365)).multiply(0.033));
        Column decl = sin(j.multiply(2 * Math.PI / 365).minus(1.39)).multiply(0.409);
        Column phi = radians(col("LAT"));
        Column ws = acos(greatest(lit(-1.0), least(lit(1.0), tan(phi).multiply(tan(decl)).multiply(-1))));
        Column ra = lit(24 * 60 / Math.PI * 0.0820).multiply(dr).multiply(
                ws.multiply(sin(phi)).multiply(sin(decl)).plus(cos(phi).multiply(cos(decl)).multiply(sin(ws))));
        // eq. 37, 38, 39, 40: clear-sky, net shortwave, net longwave and net radiation
        Column rso = lit(0.75).plus(z.multiply(2e-5)).multiply(ra);
        Column rns = rs.multiply(0.77);
        Column sigmaT4 = lit(4.903e-9).multiply(pow(tmax.plus(273.16), 4).plus(pow(tmin.plus(273.16), 4)))
                .divide(2);
        Column rnl = sigmaT4.multiply(lit(0.34).minus(sqrt(ea).multiply(0.14)))
                .multiply(least(rs.divide(rso), lit(1.0)).multiply(1.35).minus(0.35));
        Column rn = rns.minus(rnl);
        // eq. 6 with G = 0
        return lit(0.408).multiply(delta).multiply(rn)
                .plus(gamma.multiply(900).divide(tmean.plus(273)).multiply(u2).multiply(es.minus(ea)))
                .divide(delta.plus(gamma.multiply(lit(1.0).plus(u2.multiply(0.34)))));
    }

    private static Column saturation(Column t) {
        return lit(0.6108).multiply(exp(lit(17.27).multiply(t).divide(t.plus(237.3))));
    }
}
