package diandan.app.hours;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import diandan.app.IdempotencyKey;
import diandan.app.PageSize;
import diandan.app.registry.RegistryCache;
import diandan.domain.Area;
import diandan.domain.AreaPath;
import diandan.domain.Caller;
import diandan.domain.Ids;
import diandan.domain.Problem;
import diandan.domain.Registry;
import diandan.domain.Validation;
import diandan.domain.hours.Activity;
import diandan.domain.hours.HoursAccess;
import diandan.port.AreaScopes;
import diandan.port.ConcurrentChangeException;
import diandan.port.Page;
import diandan.port.hours.ActivityRepository;
import diandan.port.registry.TeamRoster;

/** Teams' activities: a team leader creates one for their team; any signed-in user lists them. */
public final class ActivityService {
    public static final int MAX_TITLE = 100;
    public static final int MAX_DESCRIPTION = 2000;
    /** A long project is recorded against as one activity; longer ones are split by year. */
    public static final Duration MAX_SPAN = Duration.ofDays(366);

    /** The body of {@code POST /activities}, as sent. */
    public record NewActivity(String title, String category, String communityId, String start, String end,
                              String description) {
    }

    /** The filters of {@code GET /activities}, as sent: at most one of team, community and area. */
    public record Filter(String teamId, String communityId, String areaId, String from, String to, String limit,
                         String cursor) {
    }

    /** A created activity, and whether it was created by an earlier call with the same idempotency key. */
    public record Creation(Activity activity, boolean replayed) {
        static Creation created(Activity activity) {
            return new Creation(activity, false);
        }

        static Creation replayOf(Activity earlier) {
            return new Creation(earlier, true);
        }
    }

    private final ActivityRepository activities;
    private final RegistryCache registry;
    private final TeamRoster roster;
    private final Clock clock;

    public ActivityService(ActivityRepository activities, RegistryCache registry, TeamRoster roster, Clock clock) {
        this.activities = activities;
        this.registry = registry;
        this.roster = roster;
        this.clock = clock;
    }

    public Creation create(Caller caller, NewActivity form, String idempotencyKey) {
        IdempotencyKey.check(idempotencyKey);
        Registry snapshot = registry.get();
        Validation v = new Validation();
        String title = v.requiredText("title", form.title(), MAX_TITLE);
        String category = v.requiredText("category", form.category(), 40);
        if (category != null && snapshot.category(category).isEmpty()) {
            v.fail("category", "unknown category '" + category + "'");
        }
        String communityId = v.requiredText("communityId", form.communityId(), 64);
        Optional<AreaPath> area = Optional.ofNullable(communityId).flatMap(snapshot::pathOf);
        if (communityId != null && area.isEmpty()) {
            v.fail("communityId", "no community '" + communityId + "'");
        }
        Instant start = v.optionalInstant("start", form.start());
        Instant end = v.optionalInstant("end", form.end());
        v.required("start", start);
        v.required("end", end);
        if (start != null && end != null) {
            if (!end.isAfter(start)) {
                v.fail("end", "must be after start");
            } else if (Duration.between(start, end).compareTo(MAX_SPAN) > 0) {
                v.fail("end", "an activity lasts at most " + MAX_SPAN.toDays() + " days");
            }
        }
        String description = v.optionalMultiLineText("description", form.description(), MAX_DESCRIPTION);
        v.throwIfAny();
        HoursAccess.requireCreateActivity(caller);
        if (roster.team(caller.teamId()).isEmpty()) {
            throw Problem.forbidden("your token names team '" + caller.teamId() + "', which is not registered");
        }
        Instant now = clock.instant();
        String fingerprint = idempotencyKey == null ? null
                : Ids.fingerprint(caller.teamId(), title, category, communityId, start.toString(), end.toString(),
                String.valueOf(description));
        String id = IdempotencyKey.id("a", caller, idempotencyKey, now);
        Activity activity = new Activity(id, caller.teamId(), title, category, area.get(), start, end, description,
                caller.sub(), now, fingerprint);
        if (activities.create(activity)) {
            return Creation.created(activity);
        }
        Activity earlier = activities.find(id).orElseThrow(() -> new ConcurrentChangeException(id));
        IdempotencyKey.requireSameBody(earlier.fingerprint(), fingerprint, "a different activity", "a new activity");
        return Creation.replayOf(earlier);
    }

    public Page<Activity> list(Filter filter) {
        Registry snapshot = registry.get();
        Validation v = new Validation();
        String team = v.optionalText("teamId", filter.teamId(), 64);
        String community = v.optionalText("communityId", filter.communityId(), 64);
        String areaId = v.optionalText("areaId", filter.areaId(), 64);
        Instant from = v.optionalInstant("from", filter.from());
        Instant to = v.optionalInstant("to", filter.to());
        v.orderedEndExcluded(from, to);
        int limit = PageSize.of(v, filter.limit());
        long narrowings = Stream.of(team, community, areaId).filter(Objects::nonNull).count();
        if (narrowings > 1) {
            v.fail("teamId", "give at most one of teamId, communityId and areaId");
        }
        v.throwIfAny();
        ActivityRepository.Query.Scope scope;
        String scopeId;
        if (team != null) {
            scope = ActivityRepository.Query.Scope.TEAM;
            scopeId = team;
        } else {
            Area area = community != null ? snapshot.requireArea("communityId", community)
                    : snapshot.areaOrDistrict("areaId", areaId);
            scope = AreaScopes.forArea(ActivityRepository.Query.Scope.class, area.type());
            scopeId = area.id();
        }
        return activities.list(new ActivityRepository.Query(scope, scopeId, from, to, limit, filter.cursor()));
    }
}
