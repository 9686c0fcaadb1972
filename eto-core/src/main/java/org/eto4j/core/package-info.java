/**
 * eto4j core: reference evapotranspiration after FAO-56 (Allen et al. 1998) and ASCE-EWRI (2005).
 *
 * <p>Only the JDK: no I/O, no threads, no framework. Errors are {@link org.eto4j.core.EtoException}s with a
 * stable {@link org.eto4j.core.ErrorCode}; estimates are reported as {@link org.eto4j.core.EstimateFlag}s.
 */
package org.eto4j.core;
