package diandan.adapter.crypto;

import java.util.function.Supplier;

import diandan.adapter.Environment;
import diandan.adapter.dynamodb.DynamoDataKeyStore;
import diandan.domain.identity.IdentityProtection;
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
     * Under the KMS key {@code FIELD_KEY_ID} (at {@code KMS_ENDPOINT} when set, a local stand-in), else under the
     * local master key (the local stack and tests): the data key on the table either way, fetched on first use.
     */
    public static Supplier<IdentityProtection> fromEnvironment(DynamoDbClient client, String table) {
        String keyId = Environment.get("FIELD_KEY_ID");
        DynamoDataKeyStore store = new DynamoDataKeyStore(client, table);
        if (keyId == null || keyId.isBlank()) {
            return new EnvelopeKeys(new LocalKeyService(), store);
        }
        return new EnvelopeKeys(KmsKeyService.of(keyId, Environment.require("AWS_REGION"), Environment.get("KMS_ENDPOINT")),
                store);
    }
}
