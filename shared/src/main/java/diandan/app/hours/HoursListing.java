package diandan.app.hours;

import java.time.LocalDate;
import java.util.Optional;

import diandan.app.PageSize;
import diandan.app.registry.RegistryCache;
import diandan.domain.Access;
import diandan.domain.Area;
import diandan.domain.Caller;
import diandan.domain.Registry;
import diandan.domain.Validation;
import diandan.domain.hours.HoursAccess;
import diandan.domain.hours.HoursRecord;
import diandan.domain.hours.RecordStatus;
import diandan.domain.hours.ServiceDates;
import diandan.port.AreaScopes;
import diandan.port.Page;
import diandan.port.hours.HoursRepository;
import diandan.port.hours.RecordQuery;

/**
 * The certifiers' list ({@code GET /hours}): a leader sees their team's records, a dispatcher their area's (or a
 * team's within it), an admin any team's or area's. Filters: status, disputed only, service dates.
 */
public final class HoursListing {
    /** The filters of {@code GET /hours}, as sent. */
    public record Filter(String teamId, String areaId, String status, String disputed, String from, String to,
                         String limit, String cursor) {
    }

    private final HoursRepository records;
    private final RegistryCache registry;

    public HoursListing(HoursRepository records, RegistryCache registry) {
        this.records = records;
        this.registry = registry;
    }

    public Page<HoursRecord> list(Caller caller, Filter filter) {
        Registry snapshot = registry.get();
        Validation v = new Validation();
        String team = v.optionalText("teamId", filter.teamId(), 64);
        String areaId = v.optionalText("areaId", filter.areaId(), 64);
        RecordStatus status = null;
        String statusCode = v.optionalText("status", filter.status(), 20);
        if (statusCode != null) {
            status = RecordStatus.fromCode(statusCode).orElse(null);
            if (status == null) {
                v.fail("status", "must be pending, certified or superseded");
            }
        }
        String disputedText = v.optionalText("disputed", filter.disputed(), 5);
        if (disputedText != null && !disputedText.equals("true") && !disputedText.equals("false")) {
            v.fail("disputed", "must be true or false");
        }
        LocalDate from = ServiceDates.parse(v, "from", filter.from());
        LocalDate to = ServiceDates.parse(v, "to", filter.to());
        v.orderedEndIncluded(from, to);
        int limit = PageSize.of(v, filter.limit());
        if (team != null && areaId != null) {
            v.fail("teamId", "give teamId or areaId, not both");
        }
        v.throwIfAny();

        RecordQuery query;
        Optional<String> ownTeam = HoursAccess.requireList(caller, team, areaId);
        if (ownTeam.isPresent()) {
            query = RecordQuery.of(RecordQuery.Scope.TEAM, ownTeam.get(), limit);
        } else {
            String reach = Access.deskReach(caller);
            if (team != null) {
                query = RecordQuery.of(RecordQuery.Scope.TEAM, team, limit).narrowedToArea(reach);
            } else {
                Area area = snapshot.areaOrDistrict("areaId", areaId != null ? areaId : reach);
                Access.requireWithinDeskReach(caller, area, snapshot);
                query = RecordQuery.of(AreaScopes.forArea(RecordQuery.Scope.class, area.type()), area.id(), limit);
            }
        }
        query = query.withStatus(status).servedBetween(from, to).fromCursor(filter.cursor());
        return records.list("true".equals(disputedText) ? query.withDisputesOnly() : query);
    }
}
