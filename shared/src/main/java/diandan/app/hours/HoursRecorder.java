package diandan.app.hours;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import diandan.app.IdempotencyKey;
import diandan.app.Together;
import diandan.app.registry.RegistryCache;
import diandan.domain.Access;
import diandan.domain.AreaPath;
import diandan.domain.Caller;
import diandan.domain.Category;
import diandan.domain.Ids;
import diandan.domain.Problem;
import diandan.domain.Registry;
import diandan.domain.ServiceRequest;
import diandan.domain.Validation;
import diandan.domain.hours.Activity;
import diandan.domain.hours.Capture;
import diandan.domain.hours.HalfHours;
import diandan.domain.hours.HoursAccess;
import diandan.domain.hours.HoursRecord;
import diandan.domain.hours.RecordStatus;
import diandan.domain.hours.ServiceDates;
import diandan.domain.hours.Source;
import diandan.domain.hours.SourceType;
import diandan.domain.sessions.Attendance;
import diandan.domain.sessions.Session;
import diandan.port.ConcurrentChangeException;
import diandan.port.hours.ActivityRepository;
import diandan.port.hours.HoursRepository;
import diandan.port.hours.HoursRepository.DayLedger;
import diandan.port.hours.HoursRepository.VolunteerDay;
import diandan.port.registry.TeamRoster;
import diandan.port.request.RequestRepository;

/**
 * Recording hours ({@code POST /hours}): the leader of the team that served a resolved request or organised an
 * activity records its volunteers' hours, pending until someone else certifies them. One record per volunteer
 * per source; the whole call is checked before anything is written; a retry under the same
 * {@code Idempotency-Key} answers the records of the first call.
 */
public final class HoursRecorder {
    public static final int MAX_ENTRIES = 50;
    public static final int MAX_ROLE = 50;
    public static final int MAX_NOTE = 500;

    /** One entry of {@code POST /hours}, as sent. */
    public record Entry(String volunteerId, Double hours, String date, String role, String note) {
    }

    /** The body of {@code POST /hours}, as sent; null entries when the field is absent. */
    public record NewHours(String sourceType, String sourceId, List<Entry> entries) {
    }

    /** The records of one recording call, in entry order, and whether an earlier call with its key made them all. */
    public record Recording(List<HoursRecord> records, boolean replayed) {
    }

    /** What the source of a recording says about the service: who served, where, what, on which days. */
    private record Served(Source source, String teamId, AreaPath area, String category, String content,
                          ServiceDates.Span span) {
    }

    /** One entry after its fields were checked. */
    private record Checked(int index, String volunteerId, int halfHours, LocalDate date, String role, String note) {
        String field(String name) {
            return "entries[" + index + "]." + name;
        }
    }

    private final HoursRepository records;
    private final RequestRepository requests;
    private final ActivityRepository activities;
    private final TeamRoster roster;
    private final RegistryCache registry;
    private final DailyLimit dailyLimit;
    private final Clock clock;

    public HoursRecorder(HoursRepository records, RequestRepository requests, ActivityRepository activities,
                         TeamRoster roster, RegistryCache registry, Clock clock) {
        this.records = records;
        this.requests = requests;
        this.activities = activities;
        this.roster = roster;
        this.registry = registry;
        this.dailyLimit = new DailyLimit(records);
        this.clock = clock;
    }

    public Recording record(Caller caller, NewHours form, String idempotencyKey) {
        IdempotencyKey.check(idempotencyKey);
        Validation v = new Validation();
        String typeCode = v.requiredText("source.type", form.sourceType(), 20);
        Optional<SourceType> type = Optional.ofNullable(typeCode).flatMap(SourceType::fromCode);
        if (typeCode != null && type.isEmpty()) {
            v.fail("source.type", "must be request or activity");
        }
        String sourceId = id(v, "source.id", form.sourceId());
        List<Checked> entries = entries(v, form.entries());
        v.throwIfAny();

        // one round trip: the source, the records the entries would make (one per volunteer and source), their days
        Source source = new Source(type.get(), sourceId);
        List<String> ids = entries.stream().map(e -> HoursRecord.originalId(e.volunteerId(), source)).toList();
        Together.Three<Served, Map<String, HoursRecord>, Map<VolunteerDay, DayLedger>> read = Together.get(
                () -> served(caller, type.get(), sourceId), () -> records.findAll(ids),
                () -> dailyLimit.ledgers(entries.stream().map(e -> new VolunteerDay(e.volunteerId(), e.date()))
                        .distinct().toList()));
        Served served = read.first();
        LocalDate today = ServiceDates.dateOf(clock.instant());
        Validation rules = new Validation();
        for (Checked entry : entries) {
            if (entry.date().isAfter(today)) {
                rules.fail(entry.field("date"), "must not lie in the future (today is " + today + " in China Standard Time)");
            } else if (!served.span().contains(entry.date())) {
                rules.fail(entry.field("date"), "must lie within the service, " + served.span());
            }
            if (!roster.isMember(entry.volunteerId(), served.teamId())) {
                rules.fail(entry.field("volunteerId"), "is not a member of team " + served.teamId());
            }
        }
        rules.throwIfAny();

        String requestKey = idempotencyKey == null ? null : Ids.fingerprint(caller.sub(), idempotencyKey);
        String bodyHash = Ids.fingerprint(canonical(served.source(), entries));
        Map<String, HoursRecord> existing = read.second();
        Map<Checked, HoursRecord> earlier = new LinkedHashMap<>();
        List<String> duplicates = new ArrayList<>();
        for (Checked entry : entries) {
            HoursRecord found = existing.get(HoursRecord.originalId(entry.volunteerId(), served.source()));
            if (found != null) {
                if (isOurs(found, requestKey, bodyHash)) {
                    earlier.put(entry, found);
                } else {
                    duplicates.add(entry.volunteerId() + " (record " + found.id() + ")");
                }
            }
        }
        if (!duplicates.isEmpty()) {
            throw Problem.conflict("one record per volunteer per source: already recorded for "
                    + String.join(", ", duplicates) + "; correct that record instead");
        }
        List<Checked> fresh = entries.stream().filter(e -> !earlier.containsKey(e)).toList();
        dailyLimit.requireRoomFor(fresh.stream().map(e -> new DailyLimit.Claim(e.field("hours"), e.volunteerId(),
                e.date(), HoursRecord.originalId(e.volunteerId(), served.source()), e.halfHours())).toList(),
                read.third());

        Instant now = clock.instant();
        String teamName = roster.team(served.teamId()).map(TeamRoster.Team::name).orElse(served.teamId());
        // each entry's reservation, then its record; the entries together (their volunteers, so their days and
        // records, differ), so that a call of many entries waits as long as a call of one
        HoursRecord[] result = new HoursRecord[entries.size()];
        List<Runnable> writes = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Checked entry = entries.get(i);
            int at = i;
            result[at] = earlier.get(entry);
            if (result[at] == null) {
                String id = HoursRecord.originalId(entry.volunteerId(), served.source());
                HoursRecord record = new HoursRecord(id, id, entry.volunteerId(), served.teamId(), teamName,
                        served.source(), served.content(), served.category(), served.area(), entry.halfHours(),
                        entry.date(), entry.role(), entry.note(), RecordStatus.PENDING, null, List.of(), null,
                        List.of(), caller.sub(), now, null, null, null, requestKey, bodyHash, 1, Capture.MANUAL);
                writes.add(() -> result[at] = reserveAndCreate(record, entry, read.third(), requestKey, bodyHash));
            }
        }
        Together.run(writes);
        return new Recording(List.of(result), fresh.isEmpty());
    }

    /** The record's share of its volunteer's day reserved, then the record written; the stored one if ours already. */
    private HoursRecord reserveAndCreate(HoursRecord record, Checked entry, Map<VolunteerDay, DayLedger> ledgers,
                                         String requestKey, String bodyHash) {
        DailyLimit.Claim claim = DailyLimit.Claim.of(record, entry.field("hours"));
        dailyLimit.reserve(claim, ledgers.get(claim.day()));
        if (records.create(record)) {
            return record;
        }
        HoursRecord winner = records.find(record.id()).orElseThrow(() -> new ConcurrentChangeException(record.id()));
        if (!isOurs(winner, requestKey, bodyHash)) {
            throw Problem.conflict("one record per volunteer per source: " + entry.volunteerId()
                    + " was recorded for it at the same time (record " + record.id() + ")");
        }
        return winner;
    }

    /**
     * The pending record of one check-in and check-out pair at a session, captured {@code check_in}: hours by
     * {@link Attendance#halfHours}, on the Beijing day of the check-in, against the session's activity. Its id
     * derives from the volunteer and the session, so a pair drafts one record however often it is asked to.
     */
    public HoursRecord draft(Session session, Attendance pair, String actor) {
        String id = checkInRecordId(pair.volunteerId(), session.id());
        Optional<HoursRecord> earlier = records.find(id);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        String teamName = roster.team(session.teamId()).map(TeamRoster.Team::name).orElse(session.teamId());
        HoursRecord draft = new HoursRecord(id, id, pair.volunteerId(), session.teamId(), teamName,
                new Source(SourceType.ACTIVITY, session.activityId()), session.title(), session.category(),
                session.area(), Attendance.halfHours(session, pair.checkedInAt(), pair.checkedOutAt()),
                ServiceDates.dateOf(pair.checkedInAt()), null, null, RecordStatus.PENDING, null, List.of(), null,
                List.of(), actor, clock.instant(), null, null, null, null, null, 1, Capture.CHECK_IN);
        dailyLimit.reserve(DailyLimit.Claim.of(draft, "hours"));
        if (records.create(draft)) {
            return draft;
        }
        return records.find(id).orElseThrow(() -> new ConcurrentChangeException(id));
    }

    /** The id of the record a volunteer's pair at a session drafts: one per volunteer and session. */
    public static String checkInRecordId(String volunteerId, String sessionId) {
        return Ids.derivedId("h", volunteerId, "session", sessionId);
    }

    /** An earlier attempt of this very call; the same key with another body is a client error. */
    private static boolean isOurs(HoursRecord found, String requestKey, String bodyHash) {
        if (requestKey == null || !requestKey.equals(found.requestKey())) {
            return false;
        }
        IdempotencyKey.requireSameBody(found.bodyHash(), bodyHash, "different hours", "new hours");
        return true;
    }

    private static List<Checked> entries(Validation v, List<Entry> entries) {
        if (entries == null || entries.isEmpty()) {
            v.fail("entries", "give at least one entry");
            return List.of();
        }
        if (entries.size() > MAX_ENTRIES) {
            v.fail("entries", "give at most " + MAX_ENTRIES + " entries per call");
            return List.of();
        }
        List<Checked> checked = new ArrayList<>();
        Set<String> volunteers = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            String prefix = "entries[" + i + "].";
            String volunteerId = id(v, prefix + "volunteerId", entry.volunteerId());
            if (volunteerId != null && !volunteers.add(volunteerId)) {
                v.fail(prefix + "volunteerId", "appears twice: one record per volunteer per source");
            }
            Integer halfHours = HalfHours.parse(v, prefix + "hours", entry.hours());
            LocalDate date = v.required(prefix + "date", ServiceDates.parse(v, prefix + "date", entry.date()));
            String role = v.optionalText(prefix + "role", entry.role(), MAX_ROLE);
            String note = v.optionalMultiLineText(prefix + "note", entry.note(), MAX_NOTE);
            if (volunteerId != null && halfHours != null && date != null) {
                checked.add(new Checked(i, volunteerId, halfHours, date, role, note));
            }
        }
        return checked;
    }

    private Served served(Caller caller, SourceType type, String id) {
        Registry snapshot = registry.get();
        return switch (type) {
            case REQUEST -> {
                ServiceRequest request = requests.find(id).filter(r -> Access.canRead(caller, r, snapshot))
                        .orElseThrow(() -> Problem.notFound("request " + id));
                HoursAccess.requireRecord(caller, request.teamId());
                if (!request.status().isServed() || request.sla().resolvedAt() == null) {
                    throw Problem.conflict("hours are recorded for resolved requests; request " + id + " is "
                            + request.status().code());
                }
                Instant began = request.sla().respondedAt() != null ? request.sla().respondedAt() : request.createdAt();
                String content = snapshot.category(request.category()).map(Category::name).orElse(request.category());
                yield new Served(new Source(type, id), request.teamId(), request.area(), request.category(), content,
                        ServiceDates.Span.between(began, request.sla().resolvedAt()));
            }
            case ACTIVITY -> {
                Activity activity = activities.find(id).orElseThrow(() -> Problem.notFound("activity " + id));
                HoursAccess.requireRecord(caller, activity.teamId());
                yield new Served(new Source(type, id), activity.teamId(), activity.area(), activity.category(),
                        activity.title(), activity.span());
            }
        };
    }

    private static String canonical(Source source, List<Checked> entries) {
        StringBuilder text = new StringBuilder(source.type().code()).append('\u0000').append(source.id());
        for (Checked e : entries) {
            text.append('\u0000').append(e.volunteerId()).append('\u0001').append(e.halfHours()).append('\u0001')
                    .append(e.date()).append('\u0001').append(e.role()).append('\u0001').append(e.note());
        }
        return text.toString();
    }

    private static String id(Validation v, String field, String value) {
        String id = v.requiredText(field, value, 64);
        if (id != null && !Ids.isWellFormed(id)) {
            v.fail(field, "must be an id of letters, digits, '-' and '_'");
            return null;
        }
        return id;
    }
}
