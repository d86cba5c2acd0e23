package diandan.adapter.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import diandan.devkit.MotoServer;
import diandan.port.identity.KeyService;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;

/** The KMS adapter against moto's KMS on loopback: data keys made and opened, and only under their own key. */
class KmsKeyServiceTest {
    static MotoServer moto;
    static KmsClient kms;

    @BeforeAll
    static void start() {
        moto = MotoServer.start();
        kms = KmsClient.builder().endpointOverride(moto.endpoint()).region(Region.AP_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    @AfterAll
    static void stop() {
        kms.close();
        moto.close();
    }

    private static String newKey() {
        return kms.createKey(b -> b.description("field key")).keyMetadata().keyId();
    }

    @Test
    void aDataKeyIsMadeWholeAndEncryptedAndOpensAgain() {
        KmsKeyService keys = new KmsKeyService(kms, newKey());
        KeyService.DataKey made = keys.generateDataKey();
        assertEquals(32, made.plaintext().length, "AES-256");
        assertArrayEquals(made.plaintext(), keys.decrypt(made.encrypted()));
    }

    @Test
    void aDataKeyOfAnotherMasterKeyDoesNotOpen() {
        KeyService.DataKey made = new KmsKeyService(kms, newKey()).generateDataKey();
        assertThrows(IllegalStateException.class, () -> new KmsKeyService(kms, newKey()).decrypt(made.encrypted()));
    }

    @Test
    void identityDocumentsSealedUnderAKmsDataKeyOpenInAnotherContainer() {
        String keyId = newKey();
        InMemoryKeyStore store = new InMemoryKeyStore();
        var sealedBy = new EnvelopeKeys(new KmsKeyService(kms, keyId), store).get();
        var document = diandan.domain.identity.IdentityDocument.parse("passport", "E12345678").orElseThrow();
        var stored = sealedBy.protect(document);
        var otherContainer = new EnvelopeKeys(new KmsKeyService(kms, keyId), store).get();
        assertEquals(document, otherContainer.reveal(stored));
        assertEquals(stored.lookupHash(), otherContainer.lookupHash(document));
    }
}
