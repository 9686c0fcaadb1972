package org.eto4j.i18n;

import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hears about message keys that no bundle has. A {@link Messages} calls it at most once per distinct key,
 * from the thread that asked for the key; it must be fast and must not throw.
 */
@FunctionalInterface
public interface MissingKeyListener {

    /**
     * Called the first time {@code key} is asked for and found in no bundle.
     *
     * @param key    the key
     * @param locale the supported locale it was asked for
     */
    void missingKey(String key, Locale locale);

    /**
     * The default: a warning in the {@code org.eto4j.i18n.Messages} logger.
     *
     * @return a listener that logs
     */
    static MissingKeyListener logging() {
        Logger log = LoggerFactory.getLogger(Messages.class);
        return (key, locale) -> log.warn("No message for key '{}' (locale {}); showing the key itself",
                key, locale.toLanguageTag());
    }
}
