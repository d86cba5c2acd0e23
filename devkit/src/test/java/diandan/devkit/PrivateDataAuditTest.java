package diandan.devkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class PrivateDataAuditTest {
    @Test
    void aRandomIdWhoseHexSpellsALandlineIsNoPhoneNumber() {
        assertNull(PrivateDataAudit.leakIn("bus event: {\"id\":\"41f6e347-2193-47e2-a097-4614030e614d\","
                + "\"detail-type\":\"dispatched\",\"detail\":{\"requestId\":\"r1\"}}"));
    }

    @Test
    void phoneNumbersBesideAnIdAreStillFound() {
        assertEquals("phone number 029-88886666",
                PrivateDataAudit.leakIn("id 41f6e347-2193-47e2-a097-4614030e614d called 029-88886666"));
        assertEquals("phone number 13812345678",
                PrivateDataAudit.leakIn("41f6e347-2193-47e2-a097-4614030e614d 13812345678"));
    }

    @Test
    void identityNumbersAreFoundWholeButNotMaskedOrInsideLongerIds() {
        assertEquals("identity number 11010519491231002X",
                PrivateDataAudit.leakIn("registered {\"idNumber\":\"11010519491231002X\"}"));
        assertEquals("identity number 11010519491231002x", PrivateDataAudit.leakIn("id 11010519491231002x"));
        assertNull(PrivateDataAudit.leakIn("registered {\"idNumberMasked\":\"1101**********002X\"}"));
        assertNull(PrivateDataAudit.leakIn("request 110105194912310021 at 1700000000000"), "no check digit");
        assertNull(PrivateDataAudit.leakIn("hash a11010519491231002X0"), "part of a longer token");
    }
}
