package diandan.domain.hours;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import diandan.domain.Problem;
import diandan.domain.Validation;

class ServiceDatesTest {
    @ParameterizedTest(name = "''{0}'' -> {1}")
    @CsvSource({"2026-11-28, 2026-11-28", "' 2026-11-28 ', 2026-11-28", "2000-01-01, 2000-01-01",
            "2099-12-31, 2099-12-31"})
    void aServiceDateIsAnIsoDayFrom2000To2099(String text, LocalDate expected) {
        Validation v = new Validation();
        LocalDate parsed = ServiceDates.parse(v, "date", text);
        assertEquals(expected, parsed);
        assertEquals(expected, v.required("date", parsed));
        assertFalse(v.has("date"));
    }

    @ParameterizedTest(name = "''{0}'': {1}")
    @CsvSource({"1999-12-31, must lie between 2000 and 2099", "2100-01-01, must lie between 2000 and 2099",
            "28.11.2026, must be a date such as 2026-11-28", "2026-02-30, must be a date such as 2026-11-28",
            "2026-11-28T09:00, must be a date such as 2026-11-28"})
    void anyOtherTextIsRefusedOnceNamingTheField(String text, String message) {
        Validation v = new Validation();
        assertNull(v.required("to", ServiceDates.parse(v, "to", text)));
        assertEquals(List.of(new Problem.FieldError("to", message)), refusals(v), "refused once, not also as absent");
    }

    @Test
    void anAbsentDateIsNullAndRefusedOnlyWhereRequired() {
        for (String absent : new String[] {null, "", "  "}) {
            Validation optional = new Validation();
            assertNull(ServiceDates.parse(optional, "from", absent));
            assertFalse(optional.has("from"));

            Validation required = new Validation();
            assertNull(required.required("from", ServiceDates.parse(required, "from", absent)));
            assertEquals(List.of(new Problem.FieldError("from", "is required")), refusals(required));
        }
    }

    private static List<Problem.FieldError> refusals(Validation v) {
        return assertThrows(Problem.class, v::throwIfAny).errors();
    }
}
