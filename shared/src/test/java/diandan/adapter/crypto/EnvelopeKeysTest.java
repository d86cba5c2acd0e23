package diandan.adapter.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import diandan.adapter.dynamodb.DynamoDataKeyStore;
import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;
import diandan.domain.identity.IdentityDocument;
import diandan.domain.identity.IdentityProtection;
import diandan.domain.identity.StoredIdentity;
import diandan.port.identity.KeyService;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** One data key per deployment, stored only encrypted, opened once per container; racing containers agree. */
@ExtendWith(DynaliteExtension.class)
class EnvelopeKeysTest {
    private static final IdentityDocument PASSPORT = IdentityDocument.parse("passport", "E12345678").orElseThrow();

    /** Counts the master key's calls. */
    private static final class Counting implements KeyService {
        final KeyService inner = new LocalKeyService();
        final AtomicInteger generated = new AtomicInteger();
        final AtomicInteger decrypted = new AtomicInteger();

        @Override
        public DataKey generateDataKey() {
            generated.incrementAndGet();
            return inner.generateDataKey();
        }

        @Override
        public byte[] decrypt(byte[] encrypted) {
            decrypted.incrementAndGet();
            return inner.decrypt(encrypted);
        }
    }

    @Test
    void theFirstContainerMakesTheKeyTheOthersOpenItOnceEach(LocalTable table) {
        DynamoDataKeyStore store = new DynamoDataKeyStore(table.client(), table.name());
        Counting first = new Counting();
        StoredIdentity sealed = new EnvelopeKeys(first, store).get().protect(PASSPORT);
        assertEquals(1, first.generated.get());
        assertEquals(0, first.decrypted.get(), "the container that made it holds it whole already");

        Counting second = new Counting();
        EnvelopeKeys other = new EnvelopeKeys(second, store);
        for (int i = 0; i < 3; i++) {
            assertEquals(PASSPORT, other.get().reveal(sealed));
        }
        assertEquals(0, second.generated.get());
        assertEquals(1, second.decrypted.get(), "decrypted once per container, then cached");

        Map<String, AttributeValue> item = table.client().getItem(b -> b.tableName(table.name()).key(Map.of(
                "pk", AttributeValue.fromS("FIELD_KEY"), "sk", AttributeValue.fromS("IDENTITY")))).item();
        assertEquals(Map.of("pk", "S", "sk", "S", "encrypted", "B"), Map.of("pk", item.get("pk").type().toString(),
                "sk", item.get("sk").type().toString(), "encrypted", item.get("encrypted").type().toString()),
                "the table holds the data key encrypted and nothing else");
    }

    @Test
    void containersRacingToMakeTheFirstKeyAgreeOnOne() {
        InMemoryKeyStore store = new InMemoryKeyStore();
        Counting loser = new Counting();
        // the loser generated its key, but another container stored one first
        KeyService slow = new KeyService() {
            @Override
            public DataKey generateDataKey() {
                DataKey mine = loser.generateDataKey();
                new EnvelopeKeys(new LocalKeyService(), store).get(); // the winner stores its own meanwhile
                return mine;
            }

            @Override
            public byte[] decrypt(byte[] encrypted) {
                return loser.decrypt(encrypted);
            }
        };
        IdentityProtection lost = new EnvelopeKeys(slow, store).get();
        IdentityProtection won = new EnvelopeKeys(new LocalKeyService(), store).get();
        assertEquals(won.lookupHash(PASSPORT), lost.lookupHash(PASSPORT));
        assertEquals(PASSPORT, won.reveal(lost.protect(PASSPORT)));
        assertEquals(1, loser.decrypted.get(), "the loser opened the winner's key");
    }

    @Test
    void aContainerThatOnlyOpensNeverMakesTheKey() {
        InMemoryKeyStore store = new InMemoryKeyStore();
        Counting reader = new Counting();
        EnvelopeKeys opening = EnvelopeKeys.opening(reader, store);
        assertThrows(IllegalStateException.class, opening::get, "nothing was sealed yet: nothing to open");
        assertEquals(0, reader.generated.get());
        assertTrue(store.find().isEmpty());

        StoredIdentity sealed = new EnvelopeKeys(new LocalKeyService(), store).get().protect(PASSPORT);
        assertEquals(PASSPORT, opening.get().reveal(sealed));
        assertEquals(0, reader.generated.get());
        assertEquals(1, reader.decrypted.get());
    }

    @Test
    void theSealingAndLookUpKeysDifferFromEachOtherAndBetweenDeployments() {
        IdentityProtection one = new EnvelopeKeys(new LocalKeyService(), new InMemoryKeyStore()).get();
        IdentityProtection two = new EnvelopeKeys(new LocalKeyService(), new InMemoryKeyStore()).get();
        assertNotEquals(one.lookupHash(PASSPORT), two.lookupHash(PASSPORT));
        StoredIdentity sealed = one.protect(PASSPORT);
        assertFalse(sealed.sealed().contains("E12345678"));
        assertTrue(sealed.lookupHash().matches("[0-9a-f]{64}"));
    }
}
