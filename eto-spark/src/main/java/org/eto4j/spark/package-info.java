/**
 * FAO-56 and ASCE-EWRI reference evapotranspiration on Apache Spark 4: {@link org.eto4j.spark.EtoSpark} (the
 * partition path over eto-core's batch kernel, and the SQL functions), {@link org.eto4j.spark.ColumnMapping} (which
 * column holds which input), {@link org.eto4j.spark.Fao56Supplier} (the calculator's options, shipped to the
 * executors) and {@link org.eto4j.spark.EtoSparkException} (a failed row in strict mode).
 */
package org.eto4j.spark;
