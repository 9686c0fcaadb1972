/**
 * The one shape of every eto4j error, shared by all modules and depending on nothing but the JDK.
 *
 * <ul>
 *   <li>{@link org.eto4j.errors.Code}: what every error enum is, a stable public code and its i18n message
 *       key ({@code ETO-1003}, {@code error.tmin_above_tmax}).</li>
 *   <li>{@link org.eto4j.errors.CodedError}: what every exception and error record is, the code, the message
 *       key, its arguments, and the field and row concerned. A host renders any of them with one piece of code
 *       ({@code Messages.describe(Problem.of(error))} in eto-i18n) and never catches a module's type by name
 *       only to read these parts.</li>
 *   <li>{@link org.eto4j.errors.Errors}: the one copy of message arguments (the null rule) and the one
 *       technical summary that exceptions use as {@link Throwable#getMessage()}.</li>
 * </ul>
 */
package org.eto4j.errors;
