package diandan.app;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import diandan.app.registry.RegistryCache;
import diandan.domain.Access;
import diandan.domain.Area;
import diandan.domain.AreaPath;
import diandan.domain.Caller;
import diandan.domain.Category;
import diandan.domain.Ids;
import diandan.domain.PhoneNumbers;
import diandan.domain.Problem;
import diandan.domain.Registry;
import diandan.domain.ServiceRequest;
import diandan.domain.Validation;
import diandan.domain.hours.Activity;
import diandan.domain.hours.Certificate;
import diandan.domain.hours.CountedRecords;
import diandan.domain.hours.Dispute;
import diandan.domain.hours.HalfHours;
import diandan.domain.hours.HoursAccess;
import diandan.domain.hours.HoursRecord;
import diandan.domain.hours.RecordStatus;
import diandan.domain.hours.ServiceDates;
import diandan.domain.hours.Source;
import diandan.domain.hours.SourceType;
import diandan.port.ActivityRepository;
import diandan.port.AreaScopes;
import diandan.port.ConcurrentChangeException;
import diandan.port.HoursRepository;
import diandan.port.Page;
import diandan.port.RecordQuery;
import diandan.port.registry.TeamRoster;
import diandan.port.request.RequestRepository;

/**
 * Volunteers' hours (志愿服务时长): the team records them against real service, another person certifies them,
 * corrections add records instead of editing, volunteers dispute their own; fresh sums, certificates, exports.
 * Tallies are kept by {@link HoursRollup}, never here.
 */
public final class HoursService {
    public static final int MAX_ENTRIES = 50;
    public static final int MAX_ROLE = 50;
    public static final int MAX_NOTE = 500;
    public static final int MAX_REASON = 500;
    /** Disputes of one record: enough to argue, bounded so that the record item stays small. */
    public static final int MAX_DISPUTES = 10;
    /** An export is one response: at most this many rows (a busy street's year), else the period is narrowed. */
    public static final int MAX_EXPORT_ROWS = 20_000;
    /** An export covers at most this many days. */
    public static final int MAX_EXPORT_DAYS = 366;
    private static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);
    private static final LocalDate LATEST = LocalDate.of(2099, 12, 31);

    /** One entry of {@code POST /hours}, as sent. */
    public record Entry(String volunteerId, Double hours, String date, String role, String note) {
    }

    /** The body of {@code POST /hours}, as sent; null entries when the field is absent. */
    public record NewHours(String sourceType, String sourceId, List<Entry> entries) {
    }

    /** The records of one recording call, in entry order, and whether an earlier call with its key made them all. */
    public record Recording(List<HoursRecord> records, boolean replayed) {
    }

    /** The filters of {@code GET /hours} (the certifiers' list), as sent. */
    public record Filter(String teamId, String areaId, String status, String disputed, String from, String to,
                         String limit, String cursor) {
    }

    /** A volunteer's own fresh totals, summed from their records, and one page of those records. */
    public record VolunteerHours(String volunteerId, long certifiedHalfHours, long certifiedRecords,
                                 long pendingHalfHours, long pendingRecords, long disputedRecords,
                                 Page<HoursRecord> page) {
    }

    /** One line of the export: a counted record and its volunteer's name (null when the registry lacks it). */
    public record ExportRow(HoursRecord record, String volunteerName) {
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
    private final Clock clock;

    public HoursService(HoursRepository records, RequestRepository requests, ActivityRepository activities,
                        TeamRoster roster, RegistryCache registry, Clock clock) {
        this.records = records;
        this.requests = requests;
        this.activities = activities;
        this.roster = roster;
        this.registry = registry;
        this.clock = clock;
    }

    /**
     * Records pending hours for a resolved request or an activity. The whole call is checked before anything is
     * written; a retry under the same {@code Idempotency-Key} returns the records of the first call.
     */
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

        Served served = served(caller, type.get(), sourceId);
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
        Map<String, HoursRecord> existing = records.findAll(
                entries.stream().map(e -> HoursRecord.originalId(e.volunteerId(), served.source())).toList());
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
        requireWithinDailyLimit(fresh, served.source());

        Instant now = clock.instant();
        String teamName = roster.team(served.teamId()).map(TeamRoster.Team::name).orElse(served.teamId());
        List<HoursRecord> result = new ArrayList<>();
        for (Checked entry : entries) {
            HoursRecord stored = earlier.get(entry);
            if (stored == null) {
                String id = HoursRecord.originalId(entry.volunteerId(), served.source());
                stored = new HoursRecord(id, id, entry.volunteerId(), served.teamId(), teamName, served.source(),
                        served.content(), served.category(), served.area(), entry.halfHours(), entry.date(),
                        entry.role(), entry.note(), RecordStatus.PENDING, null, List.of(), null, List.of(),
                        caller.sub(), now, null, null, null, requestKey, bodyHash, 1);
                reserve(stored, entry.field("hours"));
                if (!records.create(stored)) {
                    HoursRecord winner = records.find(id).orElseThrow(() -> new ConcurrentChangeException(id));
                    if (!isOurs(winner, requestKey, bodyHash)) {
                        throw Problem.conflict("one record per volunteer per source: " + entry.volunteerId()
                                + " was recorded for it at the same time (record " + id + ")");
                    }
                    stored = winner;
                }
            }
            result.add(stored);
        }
        return new Recording(result, fresh.isEmpty());
    }

    /** An earlier attempt of this very call; the same key with another body is a client error. */
    private static boolean isOurs(HoursRecord found, String requestKey, String bodyHash) {
        if (requestKey == null || !requestKey.equals(found.requestKey())) {
            return false;
        }
        IdempotencyKey.requireSameBody(found.bodyHash(), bodyHash, "different hours", "new hours");
        return true;
    }

    private List<Checked> entries(Validation v, List<Entry> entries) {
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
            LocalDate date = date(v, prefix + "date", entry.date());
            if (date == null && !v.has(prefix + "date")) {
                v.fail(prefix + "date", "is required");
            }
            String role = v.optionalText(prefix + "role", entry.role(), MAX_ROLE);
            String note = v.optionalMultiLineText(prefix + "note", entry.note(), MAX_NOTE);
            if (volunteerId != null && halfHours != null && date != null) {
                checked.add(new Checked(i, volunteerId, halfHours, date, role, note));
            }
        }
        return checked;
    }

    /** Checks every volunteer's day before writing anything, so that a call over the limit writes nothing. */
    private void requireWithinDailyLimit(List<Checked> entries, Source source) {
        Validation v = new Validation();
        Map<String, List<Checked>> byDay = entries.stream().collect(Collectors.groupingBy(
                e -> e.volunteerId() + "\u0000" + e.date(), LinkedHashMap::new, Collectors.toList()));
        for (List<Checked> day : byDay.values()) {
            Checked first = day.get(0);
            HoursRepository.DayLedger ledger = records.day(first.volunteerId(), first.date());
            int needed = day.stream().mapToInt(e -> Math.max(0,
                    e.halfHours() - ledger.of(HoursRecord.originalId(e.volunteerId(), source)))).sum();
            if (ledger.reservedHalfHours() + needed > HalfHours.PER_DAY_LIMIT) {
                day.forEach(e -> v.fail(e.field("hours"), overDailyLimit(e.volunteerId(), e.date())
                        + " (" + HalfHours.toHours(ledger.reservedHalfHours()) + " h recorded already)"));
            }
        }
        v.throwIfAny();
    }

    private void reserve(HoursRecord record, String field) {
        boolean reserved;
        try {
            reserved = records.reserve(record.volunteerId(), record.date(), record.rootId(), record.halfHours(),
                    HalfHours.PER_DAY_LIMIT);
        } catch (ConcurrentChangeException busy) {
            throw Problem.conflict("hours of " + record.volunteerId() + " on " + record.date()
                    + " are being recorded by someone else right now; retry");
        }
        if (!reserved) {
            throw Problem.invalid(field, overDailyLimit(record.volunteerId(), record.date()));
        }
    }

    private static String overDailyLimit(String volunteerId, LocalDate date) {
        return "would bring " + volunteerId + " to more than " + HalfHours.PER_DAY_LIMIT_HOURS + " hours on " + date;
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

    /**
     * Certifies a pending record; once certified, a correction supersedes what it replaces. Certifying again
     * finishes an interrupted certification and answers the same.
     */
    public HoursRecord certify(Caller caller, String id) {
        HoursRecord record = load(caller, id);
        HoursAccess.requireCertify(caller, record, registry.get());
        HoursRecord certified = switch (record.status()) {
            case SUPERSEDED -> throw superseded(record);
            case CERTIFIED -> record;
            case PENDING -> {
                try {
                    yield records.certify(record, caller.sub(), clock.instant());
                } catch (ConcurrentChangeException lost) {
                    HoursRecord now = records.find(id).orElseThrow();
                    if (now.status() != RecordStatus.CERTIFIED) {
                        throw superseded(now);
                    }
                    yield now;
                }
            }
        };
        // the rollup does this too, should this call stop here: the correction counts, never both
        certified.supersedes().forEach(replaced -> records.supersede(replaced, certified.id(), clock.instant()));
        return certified;
    }

    /** Adds a correction record: pending until certified, then it replaces the corrected record's hours. */
    public HoursRecord correct(Caller caller, String id, Double hours, String reasonText) {
        Validation v = new Validation();
        Integer halfHours = HalfHours.parse(v, "hours", hours);
        String reason = v.requiredMultiLineText("reason", reasonText, MAX_REASON);
        v.throwIfAny();
        HoursRecord record = load(caller, id);
        HoursAccess.requireCorrect(caller, record, registry.get());
        if (record.status() == RecordStatus.SUPERSEDED) {
            throw superseded(record);
        }
        if (halfHours == record.halfHours()) {
            throw Problem.invalid("hours", "must differ from the record's " + HalfHours.toHours(record.halfHours()) + " h");
        }
        HoursRecord correction = record.correctedBy(halfHours, reason, caller.sub(), clock.instant());
        Optional<HoursRecord> existing = records.find(correction.id());
        if (existing.isPresent()) {
            return sameCorrection(existing.get(), correction);
        }
        reserve(correction, "hours");
        if (!records.create(correction)) {
            return sameCorrection(records.find(correction.id()).orElseThrow(), correction);
        }
        return correction;
    }

    /** A retry of the same correction answers it again; any other correction of the record is refused. */
    private static HoursRecord sameCorrection(HoursRecord existing, HoursRecord wanted) {
        boolean same = existing.halfHours() == wanted.halfHours() && existing.correctionReason().equals(wanted.correctionReason())
                && existing.recordedBy().equals(wanted.recordedBy());
        if (!same) {
            throw Problem.conflict("record " + wanted.correctsId() + " has a correction already (record " + existing.id()
                    + "); correct that one");
        }
        return existing;
    }

    /** The volunteer objects to their own record; certifiers see every dispute on the record. */
    public HoursRecord dispute(Caller caller, String id, String reasonText) {
        Validation v = new Validation();
        String reason = v.requiredMultiLineText("reason", reasonText, MAX_REASON);
        v.throwIfAny();
        HoursRecord record = load(caller, id);
        HoursAccess.requireDispute(caller, record, registry.get());
        if (record.status() == RecordStatus.SUPERSEDED) {
            throw superseded(record);
        }
        try {
            return records.dispute(record, new Dispute(reason, caller.sub(), clock.instant()), MAX_DISPUTES);
        } catch (ConcurrentChangeException refused) {
            if (records.find(id).map(r -> r.disputes().size() >= MAX_DISPUTES).orElse(false)) {
                throw Problem.conflict("record " + id + " has " + MAX_DISPUTES + " disputes already; ask the team or a dispatcher");
            }
            throw Problem.conflict("record " + id + " was changed at the same time; reload it and try again");
        }
    }

    /**
     * The certifiers' list: a leader sees their team's records, a dispatcher their area's (or a team's within it),
     * an admin any team's or area's. Filters: status, disputed only, service dates.
     */
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
        LocalDate from = date(v, "from", filter.from());
        LocalDate to = date(v, "to", filter.to());
        v.orderedEndIncluded(from, to);
        int limit = PageSize.of(v, filter.limit());
        if (team != null && areaId != null) {
            v.fail("teamId", "give teamId or areaId, not both");
        }
        v.throwIfAny();
        boolean disputedOnly = "true".equals(disputedText);

        RecordQuery.Scope scope;
        String scopeId;
        String withinArea = null;
        Optional<String> ownTeam = HoursAccess.requireList(caller, team, areaId);
        if (ownTeam.isEmpty()) {
            String reach = Access.deskReach(caller);
            if (team != null) {
                scope = RecordQuery.Scope.TEAM;
                scopeId = team;
                withinArea = Access.teamListReach(caller, team, snapshot);
            } else {
                Area area = areaId != null ? HoursAreas.resolve(snapshot, "areaId", areaId)
                        : reach != null ? HoursAreas.resolve(snapshot, "areaId", reach) : HoursAreas.district(snapshot);
                Access.requireWithinDeskReach(caller, area, snapshot);
                scope = AreaScopes.forArea(RecordQuery.Scope.class, area.type());
                scopeId = area.id();
            }
        } else {
            scope = RecordQuery.Scope.TEAM;
            scopeId = ownTeam.get();
        }
        return records.list(new RecordQuery(scope, scopeId, status, disputedOnly, withinArea, from, to, limit,
                filter.cursor()));
    }

    /** A volunteer's totals, fresh: summed from their own records now, not from the tallies. */
    public VolunteerHours volunteerHours(Caller caller, String volunteerId, String limitText, String cursor) {
        Validation v = new Validation();
        int limit = PageSize.of(v, limitText);
        v.throwIfAny();
        requireVolunteerView(caller, volunteerId);
        Map<String, HoursRecord> all = allOf(volunteerId);
        List<HoursRecord> counted = CountedRecords.of(all.values());
        List<HoursRecord> pending = all.values().stream().filter(r -> r.status() == RecordStatus.PENDING).toList();
        long disputed = all.values().stream()
                .filter(r -> !r.disputes().isEmpty() && r.status() != RecordStatus.SUPERSEDED).count();
        Page<HoursRecord> listed = records.list(new RecordQuery(RecordQuery.Scope.VOLUNTEER, volunteerId, null, false,
                null, null, null, limit, cursor));
        // the page in the versions the totals were summed from, so that the two agree
        Page<HoursRecord> page = new Page<>(listed.items().stream().map(r -> all.getOrDefault(r.id(), r)).toList(),
                listed.nextCursor());
        return new VolunteerHours(volunteerId, CountedRecords.halfHours(counted), counted.size(),
                CountedRecords.halfHours(pending), pending.size(), disputed, page);
    }

    /**
     * The service record certificate: every counted service, oldest first, issued today by the centre of the district
     * of most of them (of the volunteer's teams before the first).
     */
    public Certificate certificate(Caller caller, String volunteerId) {
        TeamRoster.Volunteer volunteer = requireVolunteerView(caller, volunteerId)
                .orElseThrow(() -> Problem.notFound("volunteer " + volunteerId));
        List<HoursRecord> counted = new ArrayList<>(CountedRecords.of(allOf(volunteerId).values()));
        counted.sort(Comparator.comparing(HoursRecord::date).thenComparing(HoursRecord::id));
        long total = CountedRecords.halfHours(counted);
        LocalDate today = ServiceDates.dateOf(clock.instant());
        Registry snapshot = registry.get();
        String districtId = counted.stream().collect(Collectors.groupingBy(r -> r.area().districtId(), Collectors.counting()))
                .entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
                .or(() -> volunteer.teamIds().stream().flatMap(t -> snapshot.team(t).stream())
                        .flatMap(t -> snapshot.districtOf(t).stream()).findFirst()) // no service yet: their teams' district
                .orElseGet(() -> HoursAreas.district(snapshot).id());
        String issuer = snapshot.area(districtId).map(Area::name).orElse(districtId) + "新时代文明实践中心";
        String number = "ZYSC-" + today.toString().replace("-", "") + "-"
                + Ids.derivedId("", volunteerId, today.toString(), Long.toString(total), Integer.toString(counted.size()))
                .substring(0, 8).toUpperCase(Locale.ROOT);
        List<Certificate.Service> services = counted.stream().map(r -> new Certificate.Service(r.id(), r.date(),
                r.content(), r.halfHours(), r.teamName())).toList();
        return new Certificate(number, today, issuer, volunteerId, volunteer.name(),
                volunteer.phone() == null ? null : PhoneNumbers.mask(volunteer.phone()), total, services);
    }

    /** Counted records of an area whose service dates lie in [from, to], for the national system's import. */
    public List<ExportRow> export(Caller caller, String fromText, String toText, String areaIdText) {
        Registry snapshot = registry.get();
        Validation v = new Validation();
        LocalDate from = date(v, "from", fromText);
        LocalDate to = date(v, "to", toText);
        if (from == null && !v.has("from")) {
            v.fail("from", "is required");
        }
        if (to == null && !v.has("to")) {
            v.fail("to", "is required");
        }
        if (v.orderedEndIncluded(from, to) && ChronoUnit.DAYS.between(from, to) >= MAX_EXPORT_DAYS) {
            v.fail("to", "an export covers at most " + MAX_EXPORT_DAYS + " days");
        }
        String areaId = v.optionalText("areaId", areaIdText, 64);
        v.throwIfAny();
        Area area = areaId != null ? HoursAreas.resolve(snapshot, "areaId", areaId)
                : caller.areaId() != null ? HoursAreas.resolve(snapshot, "areaId", caller.areaId())
                : HoursAreas.district(snapshot);
        HoursAccess.requireExport(caller, area, snapshot);
        RecordQuery.Scope scope = AreaScopes.forArea(RecordQuery.Scope.class, area.type());
        // every status: the index's copy of a record may be older than the record, so only the table's says
        List<HoursRecord> listed = new ArrayList<>();
        String cursor = null;
        do {
            Page<HoursRecord> page = records.list(new RecordQuery(scope, area.id(), null, false, null,
                    from, to, PageSize.MAX, cursor));
            listed.addAll(page.items());
            if (listed.size() > MAX_EXPORT_ROWS) {
                throw Problem.invalid("to", "more than " + MAX_EXPORT_ROWS + " records: export a shorter period");
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        List<HoursRecord> counted = new ArrayList<>(CountedRecords.of(current(listed).values()));
        counted.sort(Comparator.comparing(HoursRecord::date).thenComparing(HoursRecord::id));
        Map<String, String> names = roster.names(counted.stream().map(HoursRecord::volunteerId).distinct().toList());
        return counted.stream().map(r -> new ExportRow(r, names.get(r.volunteerId()))).toList();
    }

    /** Checks who may see a volunteer's hours; returns the volunteer as the registry knows them. */
    private Optional<TeamRoster.Volunteer> requireVolunteerView(Caller caller, String volunteerId) {
        if (!Ids.isWellFormed(volunteerId)) {
            throw Problem.notFound("volunteer " + volunteerId);
        }
        Optional<TeamRoster.Volunteer> volunteer = roster.volunteer(volunteerId);
        HoursAccess.requireVolunteerView(caller, volunteerId,
                volunteer.map(TeamRoster.Volunteer::teamIds).orElse(List.of()), registry.get());
        return volunteer;
    }

    /**
     * Every record of a volunteer as the table holds it, by id: their own list is short enough to read whole (a
     * few hundred a year at most).
     */
    private Map<String, HoursRecord> allOf(String volunteerId) {
        List<HoursRecord> listed = new ArrayList<>();
        String cursor = null;
        do {
            Page<HoursRecord> page = records.list(new RecordQuery(RecordQuery.Scope.VOLUNTEER, volunteerId, null, false,
                    null, null, null, PageSize.MAX, cursor));
            listed.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        return current(listed);
    }

    /**
     * The records a list found, as the table holds them now, with the corrections that superseded them. A list
     * comes from an index, whose copy of a record may lag behind it: a correction's certification and the
     * superseding of what it replaces are two writes, and an index holding the second but not the first shows
     * the service as superseded and its correction as pending. So what counts is decided on the records read
     * again from the table, following each superseded record to the record that replaced it (a correction has
     * its original's date and area: it belongs wherever its original was listed).
     */
    private Map<String, HoursRecord> current(List<HoursRecord> listed) {
        Map<String, HoursRecord> current = new LinkedHashMap<>(records.findAll(listed.stream().map(HoursRecord::id).toList()));
        Set<String> asked = listed.stream().map(HoursRecord::id).collect(Collectors.toCollection(HashSet::new));
        List<String> replacements = replacements(current.values(), asked);
        while (!replacements.isEmpty()) {
            current.putAll(records.findAll(replacements));
            replacements = replacements(current.values(), asked);
        }
        return current;
    }

    /** The records that superseded these and were not asked for yet: a chain of corrections is followed once. */
    private static List<String> replacements(Collection<HoursRecord> records, Set<String> asked) {
        return records.stream().map(HoursRecord::supersededBy).filter(id -> id != null && asked.add(id)).toList();
    }

    private HoursRecord load(Caller caller, String id) {
        if (!Ids.isWellFormed(id)) {
            throw Problem.notFound("record " + id);
        }
        HoursRecord record = records.find(id).orElseThrow(() -> Problem.notFound("record " + id));
        HoursAccess.requireRead(caller, record, registry.get());
        return record;
    }

    private static Problem superseded(HoursRecord record) {
        return Problem.conflict("record " + record.id() + " is superseded"
                + (record.supersededBy() == null ? "" : " by record " + record.supersededBy()) + "; use that one");
    }

    private static String id(Validation v, String field, String value) {
        String id = v.requiredText(field, value, 64);
        if (id != null && !Ids.isWellFormed(id)) {
            v.fail(field, "must be an id of letters, digits, '-' and '_'");
            return null;
        }
        return id;
    }

    /** A service date, {@code yyyy-MM-dd}; null when absent or invalid. */
    private static LocalDate date(Validation v, String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(value.strip());
            if (date.isBefore(EARLIEST) || date.isAfter(LATEST)) {
                v.fail(field, "must lie between 2000 and 2099");
                return null;
            }
            return date;
        } catch (DateTimeParseException e) {
            v.fail(field, "must be a date such as 2026-11-28");
            return null;
        }
    }
}
