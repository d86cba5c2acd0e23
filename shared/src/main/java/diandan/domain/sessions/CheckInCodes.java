package diandan.domain.sessions;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The rotating check-in code a leader's screen shows: six digits, HMAC-SHA256 of the session's secret over the
 * session id and the current time step (as TOTP does). A code is taken during its own step and the next one
 * only, so one photographed earlier is worthless; another session's code fails because its secret differs.
 */
public final class CheckInCodes {
    public static final Duration STEP = Duration.ofSeconds(60);
    private static final int DIGITS = 1_000_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private CheckInCodes() {
    }

    /** A fresh per-session secret: 32 random bytes, base64url. */
    public static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String codeAt(Session session, Instant at) {
        return code(session, step(at));
    }

    /** When the code shown at {@code at} stops being accepted. */
    public static Instant validUntil(Instant at) {
        return Instant.ofEpochSecond((step(at) + 2) * STEP.getSeconds());
    }

    /** Whether {@code given} is this session's code of the current or the previous step. */
    public static boolean accepts(Session session, String given, Instant now) {
        long step = step(now);
        return given != null && (constantTimeEquals(code(session, step), given)
                || constantTimeEquals(code(session, step - 1), given));
    }

    private static long step(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), STEP.getSeconds());
    }

    private static String code(Session session, long step) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(session.secret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(session.id().getBytes(StandardCharsets.UTF_8));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
            int offset = hash[hash.length - 1] & 0x0f;
            int value = ByteBuffer.wrap(hash, offset, 4).getInt() & 0x7fffffff;
            return String.format("%06d", value % DIGITS);
        } catch (GeneralSecurityException missing) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", missing);
        }
    }

    private static boolean constantTimeEquals(String expected, String given) {
        return java.security.MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }
}
