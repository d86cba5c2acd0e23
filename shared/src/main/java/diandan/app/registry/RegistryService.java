package diandan.app.registry;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import diandan.app.IdempotencyKey;
import diandan.app.PageSize;
import diandan.app.Saved;
import diandan.app.request.RequestChanges;
import diandan.domain.Access;
import diandan.domain.Area;
import diandan.domain.AreaType;
import diandan.domain.Caller;
import diandan.domain.Category;
import diandan.domain.Clocks;
import diandan.domain.Ids;
import diandan.domain.PhoneNumbers;
import diandan.domain.Problem;
import diandan.domain.Registry;
import diandan.domain.Team;
import diandan.domain.TeamLoad;
import diandan.domain.Validation;
import diandan.domain.Volunteer;
import diandan.port.ConcurrentChangeException;
import diandan.port.Page;
import diandan.port.registry.RegistryRepository;
import diandan.port.request.TeamLoadRepository;

/**
 * The registry (区/街道/社区, "8+N" categories, teams, volunteers): admins write it, every signed-in user reads
 * it. Every write is checked against the registry as stored now and invalidates this container's cache.
 */
public final class RegistryService {
    public static final int MAX_AREA_NAME = 50;
    public static final int MAX_CATEGORY_NAME = 40;
    public static final int MAX_VOLUNTEER_NAME = 50;
    public static final int MAX_SUBJECT = 128;
    /** A volunteer joins at most this many teams in one call. */
    public static final int MAX_VOLUNTEER_TEAMS = 10;
    /** Attempts at adding a member to a team that other writes keep changing, before giving up with a 409. */
    private static final int JOIN_ATTEMPTS = 3;

    private final RegistryRepository store;
    private final RegistryCache cache;
    private final TeamLoadRepository loads;
    private final RequestChanges changes;
    private final Clock clock;

    /** @param changes routes waiting requests into the places a team write opens */
    public RegistryService(RegistryRepository store, RegistryCache cache, TeamLoadRepository loads,
                           RequestChanges changes, Clock clock) {
        this.store = store;
        this.cache = cache;
        this.loads = loads;
        this.changes = changes;
        this.clock = clock;
    }

    /** Adds a local category or changes one; a built-in category stays built in, whatever its name or clocks. */
    public Saved<Category> putCategory(Caller caller, String code, String nameText, Clocks.Form clockForm) {
        Access.requireAdmin(caller);
        Validation v = new Validation();
        if (!Category.isValidCode(code)) {
            v.fail("code", "must be 2 to 40 lower-case letters, digits or _, starting with a letter");
        }
        String name = v.requiredText("name", nameText, MAX_CATEGORY_NAME);
        Clocks clocks = Clocks.checked(v, "clocks", clockForm);
        v.throwIfAny();
        Optional<Category> before = cache.fresh().category(code);
        Category category = new Category(code, name, before.map(Category::builtIn).orElse(false), clocks);
        store.putCategory(category);
        cache.invalidate();
        return new Saved<>(category, before.isEmpty());
    }

    /** Adds or changes an area, keeping the tree district → street → community consistent. */
    public Saved<Area> putArea(Caller caller, String id, String nameText, String typeText, String parentIdText) {
        Access.requireAdmin(caller);
        Validation v = new Validation();
        if (!Area.isValidId(id)) {
            v.fail("id", "must be 1 to 64 letters, digits, _ or -, starting with a letter or digit");
        }
        String name = v.requiredText("name", nameText, MAX_AREA_NAME);
        String typeCode = v.requiredText("type", typeText, 20);
        Optional<AreaType> type = Optional.ofNullable(typeCode).flatMap(AreaType::fromCode);
        if (typeCode != null && type.isEmpty()) {
            v.fail("type", "must be one of district, street, community");
        }
        String parentId = v.optionalText("parentId", parentIdText, 64);
        v.throwIfAny();
        Area area = new Area(id, name, type.get(), parentId);
        Registry before = cache.fresh();
        before.requirePlacement(area);
        store.putArea(area);
        cache.invalidate();
        return new Saved<>(area, before.area(id).isEmpty());
    }

    public TeamState createTeam(Caller caller, TeamForm form) {
        Access.requireAdmin(caller);
        Team team = validTeam(cache.fresh(), Ids.newId("t", clock.instant()), form, 1);
        if (!store.createTeam(team)) {
            throw Problem.conflict("team " + team.id() + " exists");
        }
        cache.invalidate();
        int routed = changes.fillFreePlaces(team.id(), "the team was created");
        return new TeamState(team, routed == 0 ? TeamLoad.idle(team.id()) : loads.load(team.id()));
    }

    /**
     * Replaces a team's definition (every field; leaders, members left out mean none); its load is kept. Places
     * it opens (a capacity raised, the team resumed, more categories or areas) take waiting requests at once.
     */
    public TeamState updateTeam(Caller caller, String id, Long ifMatch, TeamForm form) {
        Access.requireAdmin(caller);
        Team current = storedTeam(id);
        if (ifMatch != null && ifMatch != current.version()) {
            throw Problem.conflict("team " + id + " is at version " + current.version() + ", not " + ifMatch);
        }
        Team next = validTeam(cache.fresh(), id, form, current.version() + 1);
        try {
            store.replaceTeam(current, next);
        } catch (ConcurrentChangeException lost) {
            throw Problem.conflict("team " + id + " was changed at the same time; reload it and try again");
        }
        cache.invalidate();
        changes.fillFreePlaces(id, !current.active() && next.active() ? "the team was resumed"
                : next.capacity() > current.capacity() ? "the team's capacity was raised to " + next.capacity()
                : "the team was changed");
        return new TeamState(next, loads.load(id));
    }

    /** One team as stored now, with its load. */
    public TeamState team(String id) {
        return new TeamState(storedTeam(id), loads.load(id));
    }

    /** Teams by id, a page at a time, each with its load: one batch read for the page's loads. */
    public Page<TeamState> teams(String limitText, String cursor) {
        Validation v = new Validation();
        int limit = PageSize.of(v, limitText);
        v.throwIfAny();
        String after = afterCursor(cursor);
        List<Team> rest = cache.get().teams().stream().filter(t -> after == null || t.id().compareTo(after) > 0)
                .sorted((a, b) -> a.id().compareTo(b.id())).toList();
        List<Team> page = rest.subList(0, Math.min(limit, rest.size()));
        Map<String, TeamLoad> current = page.isEmpty() ? Map.of() : loads.loads(page.stream().map(Team::id).toList());
        String next = rest.size() > limit ? cursorAfter(page.get(page.size() - 1).id()) : null;
        return new Page<>(page.stream().map(t -> new TeamState(t, current.get(t.id()))).toList(), next);
    }

    /**
     * Registers a volunteer and adds them to the members of the given teams. The write spans items (the
     * volunteer, each team), so a retry with the same {@code Idempotency-Key} finishes what its first attempt
     * began instead of registering the volunteer twice.
     */
    public Saved<VolunteerState> createVolunteer(Caller caller, String nameText, String phoneText,
                                                 List<String> teamIdsGiven, String idempotencyKey) {
        Access.requireAdmin(caller);
        IdempotencyKey.check(idempotencyKey);
        Validation v = new Validation();
        String name = v.requiredText("name", nameText, MAX_VOLUNTEER_NAME);
        String rawPhone = v.requiredText("phone", phoneText, 24);
        Optional<String> phone = Optional.ofNullable(rawPhone).flatMap(PhoneNumbers::normalize);
        if (rawPhone != null && phone.isEmpty()) {
            v.fail("phone", "must be a mainland mobile (11 digits, 1[3-9]...) or landline (area code + number)");
        }
        Registry registry = cache.fresh();
        List<String> teamIds = distinct(teamIdsGiven);
        if (teamIds.size() > MAX_VOLUNTEER_TEAMS) {
            v.fail("teamIds", "must name at most " + MAX_VOLUNTEER_TEAMS + " teams");
        }
        teamIds.stream().filter(t -> registry.team(t).isEmpty()).forEach(t -> v.fail("teamIds", "no team '" + t + "'"));
        v.throwIfAny();
        Volunteer volunteer = new Volunteer(IdempotencyKey.id("v", caller, idempotencyKey, clock.instant()), name,
                phone.get());
        boolean created = store.createVolunteer(volunteer);
        if (!created) {
            IdempotencyKey.requireSameBody(store.findVolunteer(volunteer.id()).orElse(null), volunteer,
                    "another volunteer", "a new volunteer");
        }
        teamIds.forEach(teamId -> join(teamId, volunteer.id()));
        cache.invalidate();
        return new Saved<>(new VolunteerState(volunteer, cache.get().teamsOf(volunteer.id())), created);
    }

    public VolunteerState volunteer(String id) {
        Volunteer volunteer = Optional.ofNullable(id).filter(Ids::isWellFormed).flatMap(store::findVolunteer)
                .orElseThrow(() -> Problem.notFound("volunteer " + id));
        return new VolunteerState(volunteer, cache.get().teamsOf(id));
    }

    private Team storedTeam(String id) {
        return Optional.ofNullable(id).filter(Ids::isWellFormed).flatMap(store::findTeam)
                .orElseThrow(() -> Problem.notFound("team " + id));
    }

    /** Adds a member with a conditional write on the team's version, retried while other writes win. */
    private void join(String teamId, String volunteerId) {
        for (int attempt = 1; ; attempt++) {
            Team current = storedTeam(teamId);
            Team joined = current.withMember(volunteerId);
            if (joined == current) {
                return;
            }
            try {
                store.replaceTeam(current, joined);
                return;
            } catch (ConcurrentChangeException lost) {
                if (attempt == JOIN_ATTEMPTS) {
                    throw Problem.conflict("team " + teamId + " keeps changing; retry with the same Idempotency-Key");
                }
            }
        }
    }

    private Team validTeam(Registry registry, String id, TeamForm form, long version) {
        Validation v = new Validation();
        String name = v.requiredText("name", form.name(), Team.MAX_NAME);
        List<String> categories = required(v, "categories", form.categories());
        categories.stream().filter(c -> registry.category(c).isEmpty())
                .forEach(c -> v.fail("categories", "unknown category '" + c + "'"));
        List<String> areaIds = required(v, "areaIds", form.areaIds());
        areaIds.stream().filter(a -> registry.area(a).isEmpty()).forEach(a -> v.fail("areaIds", "no area '" + a + "'"));
        Integer capacity = form.capacity();
        if (capacity == null) {
            v.fail("capacity", "is required");
        } else if (capacity < 1 || capacity > Team.MAX_CAPACITY) {
            v.fail("capacity", "must be a whole number from 1 to " + Team.MAX_CAPACITY);
        }
        List<String> leaders = new ArrayList<>();
        for (String leader : distinct(form.leaders())) {
            String subject = v.requiredText("leaders", leader, MAX_SUBJECT);
            if (subject != null) {
                leaders.add(subject);
            }
        }
        List<String> members = distinct(form.members());
        if (!members.isEmpty()) {
            Set<String> known = store.findVolunteers(members.stream().filter(Ids::isWellFormed).toList()).stream()
                    .map(Volunteer::id).collect(Collectors.toSet());
            members.stream().filter(m -> !known.contains(m)).forEach(m -> v.fail("members", "no volunteer '" + m + "'"));
        }
        v.throwIfAny();
        return new Team(id, name, categories, areaIds, capacity, leaders, members,
                form.active() == null || form.active(), version);
    }

    private static List<String> required(Validation v, String field, List<String> values) {
        List<String> distinct = distinct(values);
        if (distinct.isEmpty()) {
            v.fail(field, "must name at least one");
        }
        return distinct;
    }

    private static List<String> distinct(List<String> values) {
        return values == null ? List.of() : List.copyOf(new LinkedHashSet<>(values));
    }

    /** Team pages are cut in memory: the cursor is the last id of the previous page, opaque to clients. */
    private static String cursorAfter(String teamId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("team:" + teamId).getBytes(StandardCharsets.UTF_8));
    }

    private static String afterCursor(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (text.startsWith("team:") && Ids.isWellFormed(text.substring(5))) {
                return text.substring(5);
            }
        } catch (IllegalArgumentException notBase64) {
            // refused below
        }
        throw Problem.badCursor();
    }
}
