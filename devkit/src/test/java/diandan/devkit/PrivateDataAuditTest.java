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
}
