package diandan.adapter.crypto;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

import diandan.port.identity.KeyService;

/**
 * The local stack's and the tests' stand-in for KMS: data keys encrypted under a fixed local master key (their
 * data is made up), so that they run the same envelope as a deployment without reaching AWS.
 */
public final class LocalKeyService implements KeyService {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AesGcmFieldCipher MASTER = AesGcmFieldCipher.fromSecret("diandan-local-master-key");

    @Override
    public DataKey generateDataKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return new DataKey(key, MASTER.seal(Base64.getEncoder().encodeToString(key)).getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public byte[] decrypt(byte[] encrypted) {
        return Base64.getDecoder().decode(MASTER.open(new String(encrypted, StandardCharsets.US_ASCII)));
    }
}
