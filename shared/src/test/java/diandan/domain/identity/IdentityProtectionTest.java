package diandan.domain.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

import diandan.adapter.crypto.AesGcmFieldCipher;

class IdentityProtectionTest {
    private final IdentityProtection protection =
            new IdentityProtection(AesGcmFieldCipher.fromSecret("dev-field-key"), "dev-lookup-key");
    private final IdentityDocument id = IdentityDocument.parse("resident_id", "11010519491231002X").orElseThrow();

    @Test
    void theStoredFormRevealsOnlyTheMaskedNumber() {
        StoredIdentity stored = protection.protect(id);
        assertEquals("1101**********002X", stored.masked());
        assertEquals("resident_id", stored.type().code());
        for (String field : new String[] {stored.lookupHash(), stored.sealed()}) {
            assertFalse(field.contains("19491231"), field);
        }
        assertEquals(id, protection.reveal(stored));
    }

    @Test
    void theLookupHashFindsTheSameDocumentAndDependsOnTheKey() {
        assertEquals(protection.protect(id).lookupHash(), protection.lookupHash(id));
        assertNotEquals(protection.lookupHash(IdentityDocument.parse("passport", "12345678").orElseThrow()),
                protection.lookupHash(IdentityDocument.parse("taiwan_pass", "12345678").orElseThrow()),
                "the type is part of the identity");
        assertNotEquals(protection.lookupHash(id),
                new IdentityProtection(AesGcmFieldCipher.fromSecret("k"), "another-key").lookupHash(id));
    }
}
