package diandan.adapter.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class AesGcmFieldCipherTest {
    private final AesGcmFieldCipher cipher = AesGcmFieldCipher.fromSecret("dev-field-key");

    @Test
    void aSealedValueOpensToItselfAndShowsNothingOfIt() {
        String sealed = cipher.seal("11010519491231002X");
        assertFalse(sealed.contains("19491231"), sealed);
        assertEquals("11010519491231002X", cipher.open(sealed));
        assertNotEquals(sealed, cipher.seal("11010519491231002X"), "a fresh nonce each time");
    }

    @Test
    void anotherKeyOrATamperedValueDoesNotOpen() {
        String sealed = cipher.seal("E12345678");
        assertThrows(IllegalStateException.class, () -> AesGcmFieldCipher.fromSecret("other").open(sealed));
        char last = sealed.charAt(sealed.length() - 2);
        String tampered = sealed.substring(0, sealed.length() - 2) + (last == 'A' ? 'B' : 'A') + sealed.charAt(sealed.length() - 1);
        assertThrows(IllegalStateException.class, () -> cipher.open(tampered));
    }
}
