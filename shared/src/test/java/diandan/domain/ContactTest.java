package diandan.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ContactTest {
    @Test
    void maskingKeepsOnlyWhatIdentifiesNobody() {
        Contact masked = new Contact("张桂兰", "13812345678", "新北社区3号楼2单元501").masked();
        assertEquals("张**", masked.name());
        assertEquals("138****5678", masked.phone());
        assertEquals("新北社区****", masked.address());
        assertFalse(masked.toString().contains("138"), "toString never prints contact data");
    }

    @Test
    void maskingCopesWithEmojiAndShortText() {
        assertEquals("😀*", Contact.maskName("😀x"));
        assertEquals("****", Contact.maskAddress("x"));
    }

    @Test
    void erasedIsNoWayToReachTheResidentWhateverIsLeft() {
        assertTrue(Contact.ERASED.isErased());
        assertTrue(new Contact(null, null, null).isErased());
        assertFalse(new Contact(null, "13812345678", null).isErased());
        assertFalse(new Contact("", null, null).isErased(), "an empty name is still a name given");
        assertFalse(new Contact(null, null, "新北社区").isErased());
    }
}
