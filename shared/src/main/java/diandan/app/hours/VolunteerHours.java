package diandan.app.hours;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import diandan.app.PageSize;
import diandan.app.records.CertificateIssuers;
import diandan.app.registry.RegistryCache;
import diandan.app.stars.StarLevelService;
import diandan.domain.Area;
import diandan.domain.Caller;
import diandan.domain.Ids;
import diandan.domain.PhoneNumbers;
import diandan.domain.Problem;
import diandan.domain.Registry;
import diandan.domain.Validation;
import diandan.domain.hours.Certificate;
import diandan.domain.hours.CountedRecords;
import diandan.domain.hours.HalfHours;
import diandan.domain.hours.HoursAccess;
import diandan.domain.hours.HoursRecord;
import diandan.domain.hours.RecordStatus;
import diandan.domain.hours.ServiceDates;
import diandan.domain.records.RecordingOrganisation;
import diandan.port.Page;
import diandan.port.hours.HoursRepository;
import diandan.port.hours.RecordQuery;
import diandan.port.registry.TeamRoster;

/**
 * One volunteer's hours, fresh: their totals ({@code GET /volunteers/{id}/hours}) and their service record
 * certificate ({@code GET /volunteers/{id}/certificate}), both summed from their own records now, as the table
 * holds them, not from the tallies. The star level shown is the one the certified total beside it holds, so a
 * document never shows hours and a level that disagree.
 */
public final class VolunteerHours {
    /**
     * A volunteer's own fresh totals, summed from their records, the star level those certified hours hold, and one
     * page of those records.
     */
    public record Totals(String volunteerId, long certifiedHalfHours, long certifiedRecords, int starLevel,
                         long pendingHalfHours, long pendingRecords, long disputedRecords,
                         Page<HoursRecord> page) {
    }

    private final HoursRepository records;
    private final CurrentRecords current;
    private final TeamRoster roster;
    private final RegistryCache registry;
    private final StarLevelService stars;
    private final CertificateIssuers issuers;
    private final Clock clock;

    public VolunteerHours(HoursRepository records, TeamRoster roster, RegistryCache registry, StarLevelService stars,
                          CertificateIssuers issuers, Clock clock) {
        this.records = records;
        this.issuers = issuers;
        this.stars = stars;
        this.current = new CurrentRecords(records);
        this.roster = roster;
        this.registry = registry;
        this.clock = clock;
    }

    public Totals totals(Caller caller, String volunteerId, String limitText, String cursor) {
        Validation v = new Validation();
        int limit = PageSize.of(v, limitText);
        v.throwIfAny();
        requireView(caller, volunteerId);
        Map<String, HoursRecord> all = current.ofVolunteer(volunteerId);
        List<HoursRecord> counted = CountedRecords.of(all.values());
        List<HoursRecord> pending = all.values().stream().filter(r -> r.status() == RecordStatus.PENDING).toList();
        long disputed = all.values().stream()
                .filter(r -> !r.disputes().isEmpty() && r.status() != RecordStatus.SUPERSEDED).count();
        Page<HoursRecord> listed = records.list(RecordQuery.of(RecordQuery.Scope.VOLUNTEER, volunteerId, limit)
                .fromCursor(cursor));
        // the page in the versions the totals were summed from, so that the two agree
        Page<HoursRecord> page = new Page<>(listed.items().stream().map(r -> all.getOrDefault(r.id(), r)).toList(),
                listed.nextCursor());
        long certified = CountedRecords.halfHours(counted);
        return new Totals(volunteerId, certified, counted.size(), stars.current().levelOf(certified),
                CountedRecords.halfHours(pending), pending.size(), disputed, page);
    }

    /**
     * The service record certificate, issued today by the organisation that recorded the hours
     * ({@link RecordingOrganisation}): {@code districtIdText} names it, by default the one that recorded most of
     * the volunteer's services (before the first, their teams' district). It lists the counted services that
     * organisation recorded, oldest first, and says in its remarks which others recorded more.
     */
    public Certificate certificate(Caller caller, String volunteerId, String districtIdText) {
        TeamRoster.Volunteer volunteer = requireView(caller, volunteerId)
                .orElseThrow(() -> Problem.notFound("volunteer " + volunteerId));
        List<HoursRecord> all = CountedRecords.of(current.ofVolunteer(volunteerId).values());
        Registry snapshot = registry.get();
        String districtId = issuerDistrict(districtIdText, all, volunteer, snapshot);
        List<HoursRecord> counted = new ArrayList<>(RecordingOrganisation.recordedBy(districtId, all));
        counted.sort(Comparator.comparing(HoursRecord::date).thenComparing(HoursRecord::id));
        long total = CountedRecords.halfHours(counted);
        LocalDate today = ServiceDates.dateOf(clock.instant());
        String number = "ZYSC-" + today.toString().replace("-", "") + "-"
                + Ids.derivedId("", volunteerId, districtId, today.toString(), Long.toString(total),
                        Integer.toString(counted.size())).substring(0, 8).toUpperCase(Locale.ROOT);
        List<Certificate.Service> services = counted.stream().map(r -> new Certificate.Service(r.id(), r.date(),
                r.content(), r.halfHours(), r.teamName(), r.capture())).toList();
        return new Certificate(number, today, issuers.of(districtId), volunteerId, volunteer.name(),
                volunteer.phone() == null ? null : PhoneNumbers.mask(volunteer.phone()), volunteer.volunteerNumber(),
                volunteer.identityType(), volunteer.maskedIdentityNumber(), total, stars.current().levelOf(total),
                remarks(districtId, all, snapshot), services);
    }

    /** The issuer asked for, which must have recorded some of the hours; or the one that recorded the most. */
    private static String issuerDistrict(String districtIdText, List<HoursRecord> counted,
                                         TeamRoster.Volunteer volunteer, Registry snapshot) {
        if (districtIdText != null) {
            if (!RecordingOrganisation.mayIssue(districtIdText, counted)) {
                throw Problem.invalid("districtId", "only the organisation that recorded the hours certifies them, "
                        + "and this district recorded none of this volunteer's certified hours");
            }
            return districtIdText;
        }
        return RecordingOrganisation.issuersOf(counted).stream().findFirst()
                .or(() -> volunteer.teamIds().stream().flatMap(t -> snapshot.team(t).stream())
                        .flatMap(t -> snapshot.districtOf(t).stream()).findFirst()) // no service yet: their teams' district
                .orElseGet(() -> snapshot.defaultDistrict().id());
    }

    /** Names the other organisations that recorded certified hours, which issue certificates of their own. */
    private static String remarks(String issuer, List<HoursRecord> counted, Registry snapshot) {
        List<String> others = RecordingOrganisation.issuersOf(counted).stream().filter(d -> !d.equals(issuer)).toList();
        if (others.isEmpty()) {
            return "";
        }
        return "另有 " + others.stream().map(d -> snapshot.area(d).map(Area::name).orElse(d) + " "
                + HalfHours.toHours(CountedRecords.halfHours(RecordingOrganisation.recordedBy(d, counted))).toPlainString()
                + " 小时").collect(Collectors.joining("、")) + "的志愿服务由其记录，请向记录单位申请证明。";
    }

    /** Checks who may see a volunteer's hours; returns the volunteer as the registry knows them. */
    private Optional<TeamRoster.Volunteer> requireView(Caller caller, String volunteerId) {
        if (!Ids.isWellFormed(volunteerId)) {
            throw Problem.notFound("volunteer " + volunteerId);
        }
        Optional<TeamRoster.Volunteer> volunteer = roster.volunteer(volunteerId);
        HoursAccess.requireVolunteerView(caller, volunteerId,
                volunteer.map(TeamRoster.Volunteer::teamIds).orElse(List.of()), registry.get());
        return volunteer;
    }
}
