package diandan.domain.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IdentityDocumentTest {
    @Test
    void aResidentIdIsAcceptedOnlyWithItsCheckDigitAndARealBirthDate() {
        assertEquals("11010519491231002X",
                IdentityDocument.parse("resident_id", "11010519491231002x").orElseThrow().number());
        assertFalse(IdentityDocument.parse("resident_id", "110105194912310021").isPresent(), "wrong check digit");
        assertFalse(IdentityDocument.parse("resident_id", "110105194902300027").isPresent(), "30 February");
        assertFalse(IdentityDocument.parse("resident_id", "1101051949123100").isPresent(), "too short");
    }

    @Test
    void eachDocumentTypeHasItsOwnShape() {
        assertTrue(IdentityDocument.parse("passport", "E12345678").isPresent());
        assertTrue(IdentityDocument.parse("hk_macao_pass", "H12345678").isPresent());
        assertFalse(IdentityDocument.parse("hk_macao_pass", "12345678").isPresent());
        assertTrue(IdentityDocument.parse("taiwan_pass", "12345678").isPresent());
        assertFalse(IdentityDocument.parse("taiwan_pass", "T1234567").isPresent());
        assertTrue(IdentityDocument.parse("foreign_permanent_id", "USA110099123456").isPresent());
        assertFalse(IdentityDocument.parse("foreign_permanent_id", "US1100991234567").isPresent());
        assertFalse(IdentityDocument.parse("driving_licence", "12345678").isPresent(), "unknown type");
        assertFalse(IdentityDocument.parse("passport", null).isPresent());
    }

    @Test
    void theMaskedFormKeepsOnlyTheEnds() {
        assertEquals("1101**********002X",
                IdentityDocument.parse("resident_id", "11010519491231002X").orElseThrow().masked());
        assertEquals("E1*****78", IdentityDocument.parse("passport", "E12345678").orElseThrow().masked());
    }

    @Test
    void itNeverPrintsTheNumber() {
        String shown = IdentityDocument.parse("resident_id", "11010519491231002X").orElseThrow().toString();
        assertFalse(shown.contains("19491231"), shown);
    }
}
