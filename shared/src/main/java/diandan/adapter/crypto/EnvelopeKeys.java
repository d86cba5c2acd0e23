package diandan.adapter.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.function.Supplier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import diandan.domain.identity.IdentityProtection;
import diandan.port.identity.DataKeyStore;
import diandan.port.identity.KeyService;

/**
 * Envelope encryption of identity documents: one data key for the deployment, made by the {@link KeyService}
 * (KMS) the first time any container needs it and stored only encrypted; each container decrypts it once, on
 * first use, and keeps the result. The sealing key and the look-up key are derived from it apart (HMAC-SHA256
 * of a label), so neither reveals the other. Containers racing to make the first key agree through the store's
 * create-if-absent: the loser discards its own and opens the winner's. A function that only shows numbers
 * ({@link #opening}) never makes the key: a sealed number exists only once the key does, so it is granted
 * kms:Decrypt alone.
 */
public final class EnvelopeKeys implements Supplier<IdentityProtection> {
    private final KeyService keys;
    private final DataKeyStore store;
    /** The data key when none is stored yet. */
    private final Supplier<byte[]> firstKey;
    private volatile IdentityProtection protection;

    /** For a function that seals numbers: makes the deployment's data key when none is stored yet. */
    public EnvelopeKeys(KeyService keys, DataKeyStore store) {
        this(keys, store, () -> {
            KeyService.DataKey fresh = keys.generateDataKey();
            return store.create(fresh.encrypted()) ? fresh.plaintext() : keys.decrypt(store.find().orElseThrow());
        });
    }

    private EnvelopeKeys(KeyService keys, DataKeyStore store, Supplier<byte[]> firstKey) {
        this.keys = keys;
        this.store = store;
        this.firstKey = firstKey;
    }

    /**
     * For a function that only opens and hashes numbers sealed elsewhere: it opens the stored data key and never
     * makes one (no kms:GenerateDataKey). Asked before any key exists, nothing was ever sealed, so there is nothing
     * to open: it fails, and keeps failing until a sealing function has made the key.
     */
    public static EnvelopeKeys opening(KeyService keys, DataKeyStore store) {
        return new EnvelopeKeys(keys, store, () -> {
            throw new IllegalStateException("no data key is stored yet: no identity document was ever sealed");
        });
    }

    @Override
    public IdentityProtection get() {
        IdentityProtection made = protection;
        if (made == null) {
            synchronized (this) {
                made = protection;
                if (made == null) {
                    made = protectionUnder(dataKey());
                    protection = made;
                }
            }
        }
        return made;
    }

    private byte[] dataKey() {
        return store.find().map(keys::decrypt).orElseGet(firstKey);
    }

    private static IdentityProtection protectionUnder(byte[] dataKey) {
        return new IdentityProtection(AesGcmFieldCipher.withKey(derive(dataKey, "identity seal")),
                HexFormat.of().formatHex(derive(dataKey, "identity look-up")));
    }

    private static byte[] derive(byte[] dataKey, String label) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(dataKey, "HmacSHA256"));
            return mac.doFinal(label.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JRE", e);
        }
    }
}
