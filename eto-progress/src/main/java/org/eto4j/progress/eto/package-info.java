/**
 * ETo work as tasks: {@link org.eto4j.progress.eto.EtoCalculationTask} is the one ETo task — a station's daily or
 * monthly records through the stages validate, quality control, compute and summarize, with progress by records,
 * strict or lenient validation, eto-core's coded errors with field and row, and a result of rows and a summary.
 * The deprecated {@link org.eto4j.progress.eto.EtoBatchTask} runs eto-core's daily batch over many stations.
 *
 * <p>This package needs eto-core, which eto-progress declares optional: a host that runs ETo tasks depends on
 * eto-core itself.
 */
package org.eto4j.progress.eto;
