package org.eto4j.transport;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eto4j.progress.TaskId;

/**
 * Issues and checks task tokens: the capability a task's submitter receives to watch (and cancel) that one
 * task. A token is bound to a task id, expires, and is signed with HMAC-SHA256 under a server key, so it cannot
 * be forged, stretched or moved to another task. The WebSocket server and a host's REST API share one key and
 * therefore accept each other's tokens.
 *
 * <pre>{@code
 * TaskTokens tokens = TaskTokens.builder().key(secretKeyBytes).ttl(Duration.ofHours(1)).build();
 * String token = tokens.issue(taskId);            // hand to the submitter with the task id
 * boolean ok = tokens.verify(token, taskId);      // constant-time signature check, then expiry
 * }</pre>
 *
 * <p><b>Format</b> (opaque to clients): {@code t1.<expiry epoch seconds>.<base64url HMAC>} where the HMAC covers
 * a version tag, the task id and the expiry. The task id is not inside the token: it comes from the URL and is
 * checked by the HMAC. Instances are immutable and thread-safe.
 */
public final class TaskTokens {
    /** Default lifetime of a token: long enough for a batch of hundreds of stations, short enough to bound leaks. */
    public static final Duration DEFAULT_TTL = Duration.ofHours(1);
    /** The smallest accepted key: 256 bits, the output size of SHA-256 (RFC 2104 recommends at least that). */
    public static final int MIN_KEY_BYTES = 32;
    /** Tokens longer than this are rejected before any parsing (a valid one is about 60 characters). */
    static final int MAX_TOKEN_CHARS = 256;

    private static final String ALGORITHM = "HmacSHA256";
    private static final String PREFIX = "t1.";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    /** What {@link #check} found; only {@link #VALID} grants access. */
    public enum Check {
        /** Signed with this key for this task and not expired. */
        VALID,
        /** Not a token of this format. */
        MALFORMED,
        /** Well-formed, but not signed with this key for this task id (forged, altered, or for another task). */
        BAD_SIGNATURE,
        /** Correctly signed, but its expiry has passed. */
        EXPIRED
    }

    private final SecretKeySpec key;
    private final Mac prototype;
    private final Duration ttl;
    private final Clock clock;

    private TaskTokens(Builder b) {
        this.key = new SecretKeySpec(b.key, ALGORITHM);
        this.ttl = b.ttl;
        this.clock = b.clock;
        try {
            this.prototype = Mac.getInstance(ALGORITHM);
            prototype.init(key);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is required of every Java platform", e);
        }
    }

    /** A builder; {@link Builder#key(byte[])} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A new random key of {@link #MIN_KEY_BYTES} bytes from {@link SecureRandom}, for hosts that do not share
     * tokens across restarts or nodes (otherwise load one key from configuration).
     *
     * @return the key bytes
     */
    public static byte[] generateKey() {
        byte[] k = new byte[MIN_KEY_BYTES];
        new SecureRandom().nextBytes(k);
        return k;
    }

    /** The lifetime of tokens issued by {@link #issue(TaskId)}. */
    public Duration ttl() {
        return ttl;
    }

    /**
     * Issues a token for a task, valid for {@link #ttl()}.
     *
     * @param taskId the task the token grants access to
     * @return the token
     */
    public String issue(TaskId taskId) {
        return issue(taskId, ttl);
    }

    /**
     * Issues a token for a task with its own lifetime.
     *
     * @param taskId the task the token grants access to
     * @param ttl    how long the token stays valid, {@code > 0}
     * @return the token
     * @throws TransportException with {@link TransportErrorCode#INVALID_OPTION} when {@code ttl} is not positive
     */
    public String issue(TaskId taskId, Duration ttl) {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new TransportException(TransportErrorCode.INVALID_OPTION, "ttl", ttl, "> 0");
        }
        long expiry = clock.instant().plus(ttl).getEpochSecond();
        return PREFIX + expiry + '.' + B64.encodeToString(sign(taskId, expiry));
    }

    /**
     * Checks a token for a task: the signature first (in constant time), then the expiry.
     *
     * @param token  the token presented by a client (may be {@code null})
     * @param taskId the task the client asks for
     * @return the verdict
     */
    public Check check(String token, TaskId taskId) {
        Objects.requireNonNull(taskId, "taskId");
        if (token == null || token.length() > MAX_TOKEN_CHARS || !token.startsWith(PREFIX)) {
            return Check.MALFORMED;
        }
        int dot = token.indexOf('.', PREFIX.length());
        if (dot < 0) {
            return Check.MALFORMED;
        }
        long expiry;
        byte[] presented;
        try {
            expiry = Long.parseLong(token.substring(PREFIX.length(), dot));
            presented = B64D.decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) { // NumberFormatException is one
            return Check.MALFORMED;
        }
        if (!MessageDigest.isEqual(sign(taskId, expiry), presented)) {
            return Check.BAD_SIGNATURE;
        }
        return clock.instant().isBefore(Instant.ofEpochSecond(expiry)) ? Check.VALID : Check.EXPIRED;
    }

    /**
     * Whether a token grants access to a task.
     *
     * @param token  the token presented by a client (may be {@code null})
     * @param taskId the task the client asks for
     * @return {@code true} only for {@link Check#VALID}
     */
    public boolean verify(String token, TaskId taskId) {
        return check(token, taskId) == Check.VALID;
    }

    private byte[] sign(TaskId taskId, long expiry) {
        Mac mac;
        try {
            mac = (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            try {
                mac = Mac.getInstance(ALGORITHM);
                mac.init(key);
            } catch (GeneralSecurityException ex) {
                throw new IllegalStateException("HmacSHA256 is required of every Java platform", ex);
            }
        }
        return mac.doFinal(("eto4j-task-token:v1:" + taskId.value() + ':' + expiry).getBytes(StandardCharsets.UTF_8));
    }

    /** Settings of {@link TaskTokens}; validated in {@link #build()}. */
    public static final class Builder {
        private byte[] key;
        private Duration ttl = DEFAULT_TTL;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /**
         * The server key (copied). Every node and the REST API that issue or check tokens must share it.
         *
         * @param key at least {@link #MIN_KEY_BYTES} bytes of secret, random data
         * @return this builder
         */
        public Builder key(byte[] key) {
            this.key = Objects.requireNonNull(key, "key").clone();
            return this;
        }

        /**
         * Lifetime of issued tokens.
         *
         * @param ttl {@code 1 s .. 30 days} (default {@link #DEFAULT_TTL})
         * @return this builder
         */
        public Builder ttl(Duration ttl) {
            this.ttl = Objects.requireNonNull(ttl, "ttl");
            return this;
        }

        /**
         * The time source of expiry (tests pass a settable clock).
         *
         * @param clock the clock (default {@link Clock#systemUTC()})
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Validates the settings.
         *
         * @return the token service
         * @throws TransportException with {@link TransportErrorCode#INVALID_OPTION} naming a bad option
         */
        public TaskTokens build() {
            if (key == null || key.length < MIN_KEY_BYTES) {
                throw new TransportException(TransportErrorCode.INVALID_OPTION, "key",
                        key == null ? "missing" : key.length + " bytes", ">= " + MIN_KEY_BYTES + " bytes");
            }
            if (ttl.compareTo(Duration.ofSeconds(1)) < 0 || ttl.compareTo(Duration.ofDays(30)) > 0) {
                throw new TransportException(TransportErrorCode.INVALID_OPTION, "ttl", ttl, "1 s .. 30 days");
            }
            return new TaskTokens(this);
        }
    }
}
