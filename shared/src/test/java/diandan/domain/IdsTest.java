package diandan.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class IdsTest {
    /** Fingerprints are stored with submissions: a retry made after a deploy must still match them. */
    @Test
    void aFingerprintIsTheLowerCaseHexOfTheSha256OfItsPartsJoinedByNul() {
        assertEquals("59b271ae1bbcb1d31d41929817f4b16fb439eb4f31520b5ad1d5ce98920a7138", Ids.fingerprint("a", "b"));
    }
}
