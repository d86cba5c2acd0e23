package diandan.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class ValidationTest {
    @Test
    void aValueParsedAsAbsentIsRequired() {
        Validation v = new Validation();
        assertNull(v.required("start", v.optionalInstant("start", " ")));
        assertEquals(List.of(new Problem.FieldError("start", "is required")),
                assertThrows(Problem.class, v::throwIfAny).errors());
    }

    @Test
    void aValueAlreadyRefusedIsNotAlsoCalledAbsent() {
        Validation v = new Validation();
        assertNull(v.required("start", v.optionalInstant("start", "yesterday")));
        assertEquals(List.of(new Problem.FieldError("start", "must be an ISO-8601 UTC time such as 2026-11-28T09:30:00Z")),
                assertThrows(Problem.class, v::throwIfAny).errors());
    }

    @Test
    void aValueGivenPassesThrough() {
        Validation v = new Validation();
        Instant start = Instant.parse("2026-11-28T01:30:00Z");
        assertEquals(start, v.required("start", v.optionalInstant("start", "2026-11-28T01:30:00Z")));
        assertFalse(v.has("start"));
    }
}
