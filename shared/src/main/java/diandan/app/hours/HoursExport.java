package diandan.app.hours;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import diandan.app.PageSize;
import diandan.app.registry.RegistryCache;
import diandan.domain.Area;
import diandan.domain.Caller;
import diandan.domain.Volunteer;
import diandan.domain.Problem;
import diandan.domain.Registry;
import diandan.domain.Validation;
import diandan.domain.hours.CountedRecords;
import diandan.domain.hours.HoursAccess;
import diandan.domain.hours.HoursRecord;
import diandan.domain.hours.ServiceDates;
import diandan.domain.identity.IdentityProtection;
import diandan.domain.identity.StoredIdentity;
import diandan.port.AreaScopes;
import diandan.port.hours.HoursRepository;
import diandan.port.hours.RecordQuery;
import diandan.port.registry.TeamRoster;

/**
 * The export for the national system's import ({@code GET /exports/hours.csv}): an area's counted records of a
 * period, at most a year's and {@value #MAX_EXPORT_ROWS} rows.
 */
public final class HoursExport {
    /** An export is one response: at most this many rows (a busy street's year), else the period is narrowed. */
    public static final int MAX_EXPORT_ROWS = 20_000;
    /** An export covers at most this many days. */
    public static final int MAX_EXPORT_DAYS = 366;

    /**
     * One line of the export: a counted record, its volunteer's name (null when the registry lacks it) and their
     * national record fields (null when not registered): the document type as the national system names it, the
     * number as the caller may see it ({@link IdentityProtection#numberShownTo}: whole for admins, whom the national
     * system's import needs, masked for dispatchers).
     */
    public record Row(HoursRecord record, String volunteerName, String volunteerNumber, String identityType,
                      String identityNumber) {
        @Override
        public String toString() {
            return "Row[" + record.id() + "]";
        }
    }

    private final CurrentRecords current;
    private final TeamRoster roster;
    private final RegistryCache registry;
    private final Supplier<IdentityProtection> identities;

    public HoursExport(HoursRepository records, TeamRoster roster, RegistryCache registry,
                       Supplier<IdentityProtection> identities) {
        this.identities = identities;
        this.current = new CurrentRecords(records);
        this.roster = roster;
        this.registry = registry;
    }

    /** Counted records of an area whose service dates lie in [from, to], oldest first. */
    public List<Row> rows(Caller caller, String fromText, String toText, String areaIdText) {
        Registry snapshot = registry.get();
        Validation v = new Validation();
        LocalDate from = ServiceDates.parse(v, "from", fromText);
        LocalDate to = ServiceDates.parse(v, "to", toText);
        v.required("from", from);
        v.required("to", to);
        if (v.orderedEndIncluded(from, to) && ChronoUnit.DAYS.between(from, to) >= MAX_EXPORT_DAYS) {
            v.fail("to", "an export covers at most " + MAX_EXPORT_DAYS + " days");
        }
        String areaId = v.optionalText("areaId", areaIdText, 64);
        v.throwIfAny();
        Area area = snapshot.areaOrDistrict("areaId", areaId != null ? areaId : caller.areaId());
        HoursAccess.requireExport(caller, area, snapshot);
        // every status: the index's copy of a record may be older than the record, so only the table's says
        RecordQuery query = RecordQuery.of(AreaScopes.forArea(RecordQuery.Scope.class, area.type()), area.id(),
                PageSize.MAX).servedBetween(from, to);
        List<HoursRecord> listed = current.listed(query).limit(MAX_EXPORT_ROWS + 1L).toList();
        if (listed.size() > MAX_EXPORT_ROWS) {
            throw Problem.invalid("to", "more than " + MAX_EXPORT_ROWS + " records: export a shorter period");
        }
        List<HoursRecord> counted = new ArrayList<>(CountedRecords.of(current.of(listed).values()));
        counted.sort(Comparator.comparing(HoursRecord::date).thenComparing(HoursRecord::id));
        Map<String, Volunteer> volunteers = roster.registered(counted.stream().map(HoursRecord::volunteerId).distinct()
                .toList());
        Map<String, String> shownNumbers = new HashMap<>(); // each volunteer's number opened once per export
        return counted.stream().map(r -> {
            Volunteer volunteer = volunteers.get(r.volunteerId());
            if (volunteer == null) {
                return new Row(r, null, null, null, null);
            }
            StoredIdentity identity = volunteer.identity();
            return new Row(r, volunteer.name(), volunteer.volunteerNumber(), identity == null ? null : identity.type().label(),
                    identity == null ? null : shownNumbers.computeIfAbsent(volunteer.id(),
                            id -> identities.get().numberShownTo(caller, id, identity)));
        }).toList();
    }
}
