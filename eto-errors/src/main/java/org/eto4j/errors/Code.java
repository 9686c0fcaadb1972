package org.eto4j.errors;

/**
 * A stable error code and its i18n message key: what every eto4j error enum is ({@code ErrorCode} of eto-core,
 * {@code ProgressErrorCode}, {@code TransportErrorCode}, …). A code never changes meaning once released; hosts may
 * switch on it, log it and show it. The eto-i18n bundles translate every message key, and their completeness test
 * finds every enum that implements this interface, so a new enum cannot be left out.
 */
public interface Code {

    /**
     * The stable public code: a prefix naming the module, a dash and four digits.
     *
     * @return the code, e.g. {@code ETO-1003}; never {@code null}
     */
    String code();

    /**
     * The i18n message key. The arguments that go with it are documented on each constant, in order
     * ({@code {0}}, {@code {1}}, …).
     *
     * @return the key, e.g. {@code error.tmin_above_tmax}; never {@code null}
     */
    String messageKey();
}
