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

    /** Every record of one partition, from the first page on; the methods below narrow it. */
    public static RecordQuery of(Scope scope, String scopeId, int limit) {
        return new RecordQuery(scope, scopeId, null, false, null, null, null, limit, null);
    }

    /** Only records in this status; null for any. */
    public RecordQuery withStatus(RecordStatus only) {
        return new RecordQuery(scope, scopeId, only, disputedOnly, withinArea, from, to, limit, cursor);
    }

    /** Only records someone disputes. */
    public RecordQuery withDisputesOnly() {
        return new RecordQuery(scope, scopeId, status, true, withinArea, from, to, limit, cursor);
    }

    /** Only records served in this community, street or district; null for anywhere. */
    public RecordQuery narrowedToArea(String areaId) {
        return new RecordQuery(scope, scopeId, status, disputedOnly, areaId, from, to, limit, cursor);
    }

    /** Only records whose service date lies in [first, last]; a null end is open. */
    public RecordQuery servedBetween(LocalDate first, LocalDate last) {
        return new RecordQuery(scope, scopeId, status, disputedOnly, withinArea, first, last, limit, cursor);
    }

    /** The page that {@code next} points to, as an earlier page of this query gave it. */
    public RecordQuery fromCursor(String next) {
        return new RecordQuery(scope, scopeId, status, disputedOnly, withinArea, from, to, limit, next);
    }
}
