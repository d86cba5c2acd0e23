package diandan.port.hours;

import java.time.LocalDate;

import diandan.domain.hours.RecordStatus;

/**
 * A list of hours records: one index partition (a volunteer's, a team's or an area's records) narrowed by
 * optional filters, latest service date first.
 *
 * @param withinArea only records whose community, street or district is this area, or null
 * @param from first service date included, or null
 * @param to last service date included, or null
 */
public record RecordQuery(Scope scope, String scopeId, RecordStatus status, boolean disputedOnly, String withinArea,
                          LocalDate from, LocalDate to, int limit, String cursor) {
    public enum Scope { VOLUNTEER, TEAM, COMMUNITY, STREET, DISTRICT }
}
