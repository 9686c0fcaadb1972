/**
 * eto4j i18n: English and Brazilian Portuguese for everything eto4j shows a person.
 *
 * <p>{@link org.eto4j.i18n.Messages} turns message keys and arguments into text, negotiates the locale from an
 * {@code Accept-Language} header and exports bundles as JSON for browsers; {@link org.eto4j.i18n.Problem}
 * carries an error's key, arguments, field and row; {@link org.eto4j.i18n.Formats} writes numbers, dates,
 * units and durations for a locale; {@link org.eto4j.i18n.CsvDialect} writes CSV that the locale's
 * spreadsheet programs open correctly.
 */
package org.eto4j.i18n;
