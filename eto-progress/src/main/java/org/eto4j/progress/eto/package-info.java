/**
 * ETo work as tasks: {@link org.eto4j.progress.eto.EtoBatchTask} runs eto-core's daily batch calculation over
 * the series of many stations, reporting progress by records processed and stopping between chunks when
 * cancelled.
 */
package org.eto4j.progress.eto;
