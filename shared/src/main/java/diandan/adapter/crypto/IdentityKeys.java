package diandan.adapter.crypto;

import java.util.function.Supplier;

import diandan.domain.identity.IdentityProtection;

/** The keys that seal identity documents and hash them for look-ups, made once per container. */
public final class IdentityKeys {
    /** The local stack's and the tests' secret: the data they hold is made up. */
    private static final String LOCAL_SECRET = "diandan-local-field-key";

    private IdentityKeys() {
    }

    public static Supplier<IdentityProtection> fromEnvironment() {
        IdentityProtection local = new IdentityProtection(AesGcmFieldCipher.fromSecret(LOCAL_SECRET), LOCAL_SECRET + "/look-up");
        return () -> local;
    }
}
