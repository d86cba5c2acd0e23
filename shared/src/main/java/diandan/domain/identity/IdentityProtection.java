package diandan.domain.identity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import diandan.domain.Access;
import diandan.domain.Caller;
import diandan.port.identity.FieldCipher;

/**
 * Turns an identity document into what is stored ({@link StoredIdentity}) and back. The look-up hash is an
 * HMAC-SHA256 under a key held apart from the table, so a dump cannot be matched against guessed numbers.
 */
public final class IdentityProtection {
    private final FieldCipher cipher;
    private final SecretKeySpec lookupKey;

    public IdentityProtection(FieldCipher cipher, String lookupKey) {
        if (lookupKey == null || lookupKey.isEmpty()) {
            throw new IllegalArgumentException("a look-up key is required");
        }
        this.cipher = cipher;
        this.lookupKey = new SecretKeySpec(lookupKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public StoredIdentity protect(IdentityDocument document) {
        return new StoredIdentity(document.type(), document.masked(), lookupHash(document),
                cipher.seal(document.number()));
    }

    /** The whole document again: only for the volunteer themself and admins. */
    public IdentityDocument reveal(StoredIdentity stored) {
        return new IdentityDocument(stored.type(), cipher.open(stored.sealed()));
    }

    /**
     * The number as {@code caller} may see it: opened whole for the volunteer themself and admins
     * ({@link Access#seesIdentityNumber}), the masked form for everyone else.
     */
    public String numberShownTo(Caller caller, String volunteerId, StoredIdentity stored) {
        return Access.seesIdentityNumber(caller, volunteerId) ? reveal(stored).number() : stored.masked();
    }

    /** The same for the same type and number, whoever registered it: finds duplicates and look-ups. */
    public String lookupHash(IdentityDocument document) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(lookupKey);
            byte[] digest = mac.doFinal((document.type().code() + ":" + document.number()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JRE", e);
        }
    }
}
