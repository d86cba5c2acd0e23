package diandan.adapter.crypto;

import java.net.URI;

import diandan.port.identity.KeyService;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.KmsException;

/**
 * Data keys from AWS KMS (GenerateDataKey, AES_256) under the template's FieldKey, opened again by Decrypt
 * naming the same key, so that a blob encrypted under any other key is refused.
 */
public final class KmsKeyService implements KeyService {
    private final KmsClient kms;
    private final String keyId;

    public KmsKeyService(KmsClient kms, String keyId) {
        this.kms = kms;
        this.keyId = keyId;
    }

    /** A client on the URL-connection HTTP client, at {@code endpoint} when given (a local stand-in). */
    public static KmsKeyService of(String keyId, String region, String endpoint) {
        var builder = KmsClient.builder().httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(region));
        if (endpoint != null && !endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return new KmsKeyService(builder.build(), keyId);
    }

    @Override
    public DataKey generateDataKey() {
        var generated = kms.generateDataKey(b -> b.keyId(keyId).keySpec(DataKeySpec.AES_256));
        return new DataKey(generated.plaintext().asByteArray(), generated.ciphertextBlob().asByteArray());
    }

    @Override
    public byte[] decrypt(byte[] encrypted) {
        try {
            return kms.decrypt(b -> b.keyId(keyId).ciphertextBlob(SdkBytes.fromByteArray(encrypted))).plaintext()
                    .asByteArray();
        } catch (KmsException e) {
            throw new IllegalStateException("the field key does not open under " + keyId + ": "
                    + e.getClass().getSimpleName(), e);
        }
    }
}
