package diandan.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;

/** Identifiers: lower-case Crockford base32, time-ordered when new, stable when derived from a key. */
public final class Ids {
    private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    /** prefix + 10 characters of milliseconds + 12 random characters: sorts by creation time. */
    public static String newId(String prefix, Instant at) {
        StringBuilder id = new StringBuilder(prefix);
        long millis = at.toEpochMilli();
        for (int shift = 45; shift >= 0; shift -= 5) {
            id.append(ALPHABET[(int) ((millis >>> shift) & 31)]);
        }
        byte[] random = new byte[12];
        RANDOM.nextBytes(random);
        for (byte b : random) {
            id.append(ALPHABET[b & 31]);
        }
        return id.toString();
    }

    /** The same parts always give the same id: how a retried submission finds its first attempt. */
    public static String derivedId(String prefix, String... parts) {
        byte[] digest = sha256(String.join("\u0000", parts));
        StringBuilder id = new StringBuilder(prefix);
        for (int i = 0; i < 22; i++) {
            id.append(ALPHABET[digest[i] & 31]);
        }
        return id.toString();
    }

    public static String fingerprint(String... parts) {
        // HexFormat, not String.format: java.util.Formatter is classes a submission's first answer would load for this
        return HexFormat.of().formatHex(sha256(String.join("\u0000", parts)));
    }

    /** A syntactically possible id: guards key lookups against hostile path fragments. */
    public static boolean isWellFormed(String id) {
        return id != null && id.matches("[A-Za-z0-9_-]{1,64}");
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
