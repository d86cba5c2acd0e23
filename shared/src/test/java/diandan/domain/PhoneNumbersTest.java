package diandan.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;

class PhoneNumbersTest {
    @ParameterizedTest
    @CsvSource({
            "13812345678, 13812345678",
            "+86 138 1234 5678, 13812345678",
            "8613812345678, 13812345678",
            "138-1234-5678, 13812345678",
            "029-33221100, 029-33221100",
            "02933221100, 029-33221100",
            "010 8888 1234, 010-88881234",
            "0910-3322110, 0910-3322110",
            "09103322110, 0910-3322110"})
    void acceptsMainlandNumbersInTheirStoredForm(String raw, String stored) {
        assertEquals(stored, PhoneNumbers.normalize(raw).orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"12345678901", "1381234567", "138123456789", "029-1234567", "0910-123456", "abc",
            "+1 650 555 0100", "", "00000000000", "13812345678\u0000"})
    void refusesEverythingElse(String raw) {
        assertTrue(PhoneNumbers.normalize(raw).isEmpty(), raw);
    }

    @ParameterizedTest
    @CsvSource({"13812345678, 138****5678", "029-33221100, 029-****1100", "0910-3322110, 0910-***2110"})
    void masksTheMiddle(String phone, String masked) {
        assertEquals(masked, PhoneNumbers.mask(phone));
    }

    @Property
    void aMaskedMobileNeverShowsTheMiddleDigits(@ForAll("mobiles") String mobile) {
        String masked = PhoneNumbers.mask(PhoneNumbers.normalize(mobile).orElseThrow());
        assertEquals(mobile.substring(0, 3) + "****" + mobile.substring(7), masked);
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> mobiles() {
        return net.jqwik.api.Arbitraries.strings().numeric().ofLength(9)
                .flatMap(rest -> net.jqwik.api.Arbitraries.integers().between(3, 9).map(second -> "1" + second + rest));
    }

    @Property
    void normalizeNeverThrows(@ForAll @StringLength(max = 40) String anything) {
        PhoneNumbers.normalize(anything);
    }
}
