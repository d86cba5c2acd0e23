package diandan.adapter.crypto;

import java.util.function.Supplier;

import diandan.adapter.Environment;
import diandan.adapter.dynamodb.DynamoDataKeyStore;
import diandan.domain.identity.IdentityProtection;
import diandan.port.identity.KeyService;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The keys that seal identity documents and hash them for look-ups, for the functions that write or show them
 * (AssignmentFunction, HoursFunction); the others are wired with {@link #NONE} and are granted no KMS action.
 */
public final class IdentityKeys {
    /** For a function that never seals or opens an identity document. */
    public static final Supplier<IdentityProtection> NONE = () -> {
        throw new IllegalStateException("this function holds no key to identity documents");
    };

    private IdentityKeys() {
    }

    /**
     * For the function that seals numbers (AssignmentFunction): under the KMS key {@code FIELD_KEY_ID} (at
     * {@code KMS_ENDPOINT} when set, a local stand-in), else under the local master key (the local stack and
     * tests): the data key on the table either way, fetched on first use and made when none is stored.
     */
    public static Supplier<IdentityProtection> fromEnvironment(DynamoDbClient client, String table) {
        return new EnvelopeKeys(keyService(), new DynamoDataKeyStore(client, table));
    }

    /**
     * For a function that only opens numbers sealed by another (HoursFunction: exports and certificates): the
     * same keys, opened and never made ({@link EnvelopeKeys#opening}), so it needs kms:Decrypt alone.
     */
    public static Supplier<IdentityProtection> openingFromEnvironment(DynamoDbClient client, String table) {
        return EnvelopeKeys.opening(keyService(), new DynamoDataKeyStore(client, table));
    }

    private static KeyService keyService() {
        String keyId = Environment.get("FIELD_KEY_ID");
        if (keyId == null || keyId.isBlank()) {
            return new LocalKeyService();
        }
        return KmsKeyService.of(keyId, Environment.require("AWS_REGION"), Environment.get("KMS_ENDPOINT"));
    }
}
