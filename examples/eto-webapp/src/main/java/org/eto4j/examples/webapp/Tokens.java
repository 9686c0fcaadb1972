package org.eto4j.examples.webapp;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.eto4j.progress.TaskId;

/**
 * Capability tokens bound to one task: {@code base64url(taskId "." expiryEpochSeconds) "." base64url(HMAC-SHA256)}
 * under a random per-process key. Whoever holds a task's token may read, follow and cancel that task, and
 * no other.
 */
final class Tokens {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final byte[] key;
    private final Duration ttl;
    private final Clock clock;

    Tokens(Duration ttl, Clock clock) {
        this.key = new byte[32];
        new SecureRandom().nextBytes(key);
        this.ttl = ttl;
        this.clock = clock;
    }

    String issue(TaskId id) {
        long expiry = clock.instant().plus(ttl).getEpochSecond();
        String payload = B64.encodeToString((id.value() + '.' + expiry).getBytes(StandardCharsets.UTF_8));
        return payload + '.' + B64.encodeToString(mac(payload));
    }

    /** Whether {@code token} is a valid, unexpired token for {@code id}; never throws. */
    boolean verify(String token, TaskId id) {
        if (token == null) {
            return false;
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot == token.length() - 1 || token.length() > 512) {
            return false;
        }
        String payload = token.substring(0, dot);
        try {
            byte[] signature = B64D.decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(signature, mac(payload))) {
                return false;
            }
            String text = new String(B64D.decode(payload), StandardCharsets.UTF_8);
            int sep = text.lastIndexOf('.');
            return sep > 0 && text.substring(0, sep).equals(id.value())
                    && Long.parseLong(text.substring(sep + 1)) > clock.instant().getEpochSecond();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private byte[] mac(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }
}
