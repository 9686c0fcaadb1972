package org.eto4j.i18n;

/** Builds the shared bundled instance on first use (class initialisation is thread-safe and runs once). */
final class BundledHolder {
    static final Messages INSTANCE = new Messages.Builder().build();

    private BundledHolder() {
    }
}
