package diandan.app.registry;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import diandan.app.IdempotencyKey;
import diandan.app.PageSize;
import diandan.app.Saved;
import diandan.app.Together;
import diandan.app.request.RequestChanges;
import diandan.domain.Access;
import diandan.domain.Area;
import diandan.domain.Caller;
import diandan.domain.Category;
import diandan.domain.Clocks;
import diandan.domain.Ids;
import diandan.domain.Problem;
import diandan.domain.Registry;
import diandan.domain.Team;
import diandan.domain.TeamLoad;
import diandan.domain.Validation;
import diandan.domain.Volunteer;
import diandan.domain.identity.IdentityClaim;
import diandan.domain.identity.IdentityDocument;
import diandan.domain.identity.IdentityProtection;
import diandan.domain.identity.StoredIdentity;
import diandan.port.ConcurrentChangeException;
import diandan.port.Page;
import diandan.port.registry.RegistryRepository;
import diandan.port.request.TeamLoadRepository;

/**
 * The registry (省/市/区/街道/社区, "8+N" categories, teams, volunteers): admins write it, every signed-in user reads
 * it. An admin whose token names an area writes areas, teams and volunteers below it only; what every district
 * shares (categories) is the whole deployment's admins'. Every write is checked against the registry as stored now
 * and either invalidates this container's cache or, where the write changed teams only, sets it to the registry
 * the write was checked against with the write applied (no read after a write). Reads that need nothing from each
 * other are made together: each is a round trip.
 */
public final class RegistryService {
    public static final int MAX_SUBJECT = 128;
    /** A volunteer joins at most this many teams in one call. */
    public static final int MAX_VOLUNTEER_TEAMS = 10;
    /** Attempts at adding a member to a team that other writes keep changing, before giving up with a 409. */
    private static final int JOIN_ATTEMPTS = 3;

    private final RegistryRepository store;
    private final RegistryCache cache;
    private final TeamLoadRepository loads;
    private final RequestChanges changes;
    private final Supplier<IdentityProtection> identities;
    private final DocumentClaims claims;
    private final Clock clock;

    /**
     * @param changes routes waiting requests into the places a team write opens
     * @param identities seals and opens identity documents; asked only when one is written or shown whole
     */
    public RegistryService(RegistryRepository store, RegistryCache cache, TeamLoadRepository loads,
                           RequestChanges changes, Supplier<IdentityProtection> identities, Clock clock) {
        this.store = store;
        this.identities = identities;
        this.cache = cache;
        this.loads = loads;
        this.changes = changes;
        this.claims = new DocumentClaims(store, clock);
        this.clock = clock;
    }

    /** Adds a local category or changes one; a built-in category stays built in, whatever its name or clocks. */
    public Saved<Category> putCategory(Caller caller, String code, String nameText, Clocks.Form clockForm) {
        Access.requireDeploymentAdmin(caller);
        Validation v = new Validation();
        Category checked = RegistryForms.category(v, code, nameText, clockForm);
        v.throwIfAny();
        Optional<Category> before = cache.fresh().category(code);
        Category category = new Category(code, checked.name(), before.map(Category::builtIn).orElse(false),
                checked.clocks());
        store.putCategory(category);
        cache.invalidate();
        return new Saved<>(category, before.isEmpty());
    }

    /**
     * Adds or changes an area, keeping the tree province → city → district → street → community consistent. An
     * admin of an area puts areas below it: the new parent, and the area's parent before, lie within theirs.
     */
    public Saved<Area> putArea(Caller caller, String id, String nameText, String typeText, String parentIdText) {
        Access.requireAdmin(caller);
        Validation v = new Validation();
        Area area = RegistryForms.area(v, id, nameText, typeText, parentIdText);
        v.throwIfAny();
        Registry before = cache.fresh();
        List<String> parents = new ArrayList<>();
        parents.add(area.parentId());
        before.area(id).ifPresent(existing -> parents.add(existing.parentId()));
        Access.requireAdminWithin(caller, parents, before);
        before.requirePlacement(area);
        store.putArea(area);
        cache.invalidate();
        return new Saved<>(area, before.area(id).isEmpty());
    }

    public TeamState createTeam(Caller caller, TeamForm form) {
        Access.requireAdmin(caller);
        Together.Both<Registry, Set<String>> read = Together.get(cache::fresh, () -> existingVolunteers(form));
        Registry registry = read.first();
        Team team = validTeam(registry, Ids.newId("t", clock.instant()), form, 1, read.second());
        Access.requireAdminWithin(caller, team.areaIds(), registry);
        if (!store.createTeam(team)) {
            throw Problem.conflict("team " + team.id() + " exists");
        }
        cache.wrote(registry, List.of(team));
        int routed = changes.fillFreePlaces(team.id(), "the team was created");
        return new TeamState(team, routed == 0 ? TeamLoad.idle(team.id()) : loads.load(team.id()));
    }

    /**
     * Replaces a team's definition (every field; leaders, members left out mean none); its load is kept. Places
     * it opens (a capacity raised, the team resumed, more categories or areas) take waiting requests at once.
     */
    public TeamState updateTeam(Caller caller, String id, Long ifMatch, TeamForm form) {
        Access.requireAdmin(caller);
        Together.Three<Registry, Team, Set<String>> read = Together.get(cache::fresh, () -> storedTeam(id),
                () -> existingVolunteers(form));
        Registry registry = read.first();
        Team current = read.second();
        Access.requireAdminWithin(caller, current.areaIds(), registry);
        if (ifMatch != null && ifMatch != current.version()) {
            throw Problem.conflict("team " + id + " is at version " + current.version() + ", not " + ifMatch);
        }
        Team next = validTeam(registry, id, form, current.version() + 1, read.third());
        Access.requireAdminWithin(caller, next.areaIds(), registry);
        try {
            store.replaceTeam(current, next);
        } catch (ConcurrentChangeException lost) {
            throw Problem.conflict("team " + id + " was changed at the same time; reload it and try again");
        }
        cache.wrote(registry, List.of(next));
        String why = !current.active() && next.active() ? "the team was resumed"
                : next.capacity() > current.capacity() ? "the team's capacity was raised to " + next.capacity()
                : "the team was changed";
        // the load read beside the filling is the load after it when the filling routed nothing
        Together.Both<Integer, TeamLoad> filled = Together.get(() -> changes.fillFreePlaces(id, why),
                () -> loads.load(id));
        return new TeamState(next, filled.first() == 0 ? filled.second() : loads.load(id));
    }

    /** The areas within the caller's {@link Access#directoryReach}: below their area, and the areas above it. */
    public List<Area> areas(Caller caller) {
        Registry registry = cache.get();
        String reach = Access.directoryReach(caller, registry);
        return registry.areas().stream().filter(a -> reach == null || registry.overlaps(a.id(), reach)).toList();
    }

    /** One team as stored now, with its load; a team outside the caller's {@link Access#directoryReach} is none. */
    public TeamState team(Caller caller, String id) {
        Team team = storedTeam(id);
        Registry registry = cache.get();
        if (!Access.inDirectory(team, Access.directoryReach(caller, registry), registry)) {
            throw Problem.notFound("team " + id);
        }
        return new TeamState(team, loads.load(id));
    }

    /**
     * Teams by id within the caller's {@link Access#directoryReach}, a page at a time, each with its load: one batch
     * read for the page's loads.
     */
    public Page<TeamState> teams(Caller caller, String limitText, String cursor) {
        Validation v = new Validation();
        int limit = PageSize.of(v, limitText);
        v.throwIfAny();
        String after = afterCursor(cursor);
        Registry registry = cache.get();
        String reach = Access.directoryReach(caller, registry);
        List<Team> rest = registry.teams().stream().filter(t -> after == null || t.id().compareTo(after) > 0)
                .filter(t -> Access.inDirectory(t, reach, registry))
                .sorted((a, b) -> a.id().compareTo(b.id())).toList();
        List<Team> page = rest.subList(0, Math.min(limit, rest.size()));
        Map<String, TeamLoad> current = page.isEmpty() ? Map.of() : loads.loads(page.stream().map(Team::id).toList());
        String next = rest.size() > limit ? cursorAfter(page.get(page.size() - 1).id()) : null;
        return new Page<>(page.stream().map(t -> new TeamState(t, current.get(t.id()))).toList(), next);
    }

    /**
     * Registers a volunteer and adds them to the members of the given teams. The write spans items (the
     * document's claim, the volunteer, each team), so a retry with the same {@code Idempotency-Key} finishes what
     * its first attempt began instead of registering the volunteer twice. A document another volunteer holds is
     * refused (409, {@link DocumentClaims}).
     */
    public Saved<VolunteerState> createVolunteer(Caller caller, String nameText, String phoneText,
                                                 List<String> teamIdsGiven, RecordFieldsForm recordFields,
                                                 String idempotencyKey) {
        Access.requireAdmin(caller);
        IdempotencyKey.check(idempotencyKey);
        Validation v = new Validation();
        Volunteer checked = RegistryForms.volunteer(v, null, nameText, phoneText);
        String volunteerNumber = RegistryForms.volunteerNumber(v, recordFields.volunteerNumber());
        IdentityDocument identity = RegistryForms.identity(v, recordFields);
        String volunteerId = IdempotencyKey.id("v", caller, idempotencyKey, clock.instant());
        // a retry finds its volunteer before claiming anything, so a key reused for another body changes nothing
        Together.Both<Registry, Optional<Volunteer>> read = Together.get(cache::fresh,
                () -> idempotencyKey == null ? Optional.empty() : store.findVolunteer(volunteerId));
        Registry registry = read.first();
        List<String> teamIds = RegistryForms.distinct(teamIdsGiven);
        if (teamIds.size() > MAX_VOLUNTEER_TEAMS) {
            v.fail("teamIds", "must name at most " + MAX_VOLUNTEER_TEAMS + " teams");
        }
        teamIds.stream().filter(t -> registry.team(t).isEmpty()).forEach(t -> v.fail("teamIds", "no team '" + t + "'"));
        v.throwIfAny();
        Access.requireVolunteerAdmin(caller, teamIds, registry);
        Volunteer volunteer = new Volunteer(volunteerId, checked.name(), checked.phone(), volunteerNumber,
                identity == null ? null : identities.get().protect(identity));
        Optional<Volunteer> earlier = read.second();
        boolean created = false;
        if (earlier.isEmpty()) {
            IdentityClaim taken = identity == null ? null : claims.take(volunteer.id(), volunteer.identity().lookupHash());
            created = store.createVolunteer(volunteer);
            if (!created) {
                earlier = store.findVolunteer(volunteer.id());
                if (taken != null && !registered(volunteer).equals(earlier.map(RegistryService::registered).orElse(null))) {
                    claims.undo(taken);
                }
            }
        }
        if (!created) {
            IdempotencyKey.requireSameBody(earlier.map(RegistryService::registered).orElse(null), registered(volunteer),
                    "another volunteer", "a new volunteer");
        }
        Team[] joined = new Team[teamIds.size()];
        Together.run(IntStream.range(0, joined.length).<Runnable>mapToObj(i -> () -> joined[i] =
                join(registry.team(teamIds.get(i)).orElseThrow(), volunteer.id())).toList());
        cache.wrote(registry, List.of(joined));
        return new Saved<>(new VolunteerState(volunteer, cache.get().teamsOf(volunteer.id())), created);
    }

    /**
     * Replaces a volunteer's record (name, phone, national volunteer number, identity document; left out means
     * none) under the rules of registration, if the stored record is still at {@code ifMatch} (when given) and
     * at the version read: of two racing updates one is refused (409), never lost. Teams are the teams' to change
     * (their members). A new document is claimed before the write and the old one released after
     * ({@link DocumentClaims}); an unchanged one keeps its sealed form.
     */
    public VolunteerState updateVolunteer(Caller caller, String id, Long ifMatch, String nameText, String phoneText,
                                          RecordFieldsForm recordFields) {
        Access.requireAdmin(caller);
        Together.Both<Volunteer, Registry> read = Together.get(() -> Optional.ofNullable(id)
                .filter(Ids::isWellFormed).flatMap(store::findVolunteer)
                .orElseThrow(() -> Problem.notFound("volunteer " + id)), cache::fresh);
        Volunteer current = read.first();
        Registry registry = read.second();
        List<String> teamIds = registry.teamsOf(id);
        Access.requireVolunteerAdmin(caller, teamIds, registry);
        Validation v = new Validation();
        Volunteer checked = RegistryForms.volunteer(v, id, nameText, phoneText);
        String volunteerNumber = RegistryForms.volunteerNumber(v, recordFields.volunteerNumber());
        IdentityDocument identity = RegistryForms.identity(v, recordFields);
        v.throwIfAny();
        if (ifMatch != null && ifMatch != current.version()) {
            throw Problem.conflict("volunteer " + id + " is at version " + current.version() + ", not " + ifMatch);
        }
        StoredIdentity kept = current.identity();
        String newHash = identity == null ? null : identities.get().lookupHash(identity);
        String oldHash = kept == null ? null : kept.lookupHash();
        Volunteer next = new Volunteer(id, checked.name(), checked.phone(), volunteerNumber, identity == null ? null
                : newHash.equals(oldHash) ? kept : identities.get().protect(identity), current.version() + 1);
        Optional<IdentityClaim> dropped = oldHash == null || oldHash.equals(newHash) ? Optional.empty()
                : claims.heldBy(id, oldHash);
        IdentityClaim taken = newHash == null ? null : claims.take(id, newHash);
        try {
            store.replaceVolunteer(current, next);
        } catch (ConcurrentChangeException lost) {
            if (taken != null) {
                claims.undo(taken);
            }
            throw Problem.conflict("volunteer " + id + " was changed at the same time; reload it and try again");
        }
        dropped.ifPresent(claims::release);
        return new VolunteerState(next, teamIds);
    }

    /**
     * A volunteer with their teams; one whose teams all lie outside the caller's {@link Access#directoryReach} is
     * none (a volunteer of no team yet belongs to no district: anyone signed in may look them up).
     */
    public VolunteerState volunteer(Caller caller, String id) {
        Volunteer volunteer = Optional.ofNullable(id).filter(Ids::isWellFormed).flatMap(store::findVolunteer)
                .orElseThrow(() -> Problem.notFound("volunteer " + id));
        Registry registry = cache.get();
        List<String> teamIds = registry.teamsOf(id);
        String reach = Access.directoryReach(caller, registry);
        if (!caller.isVolunteer(id) && !teamIds.isEmpty() && teamIds.stream().flatMap(t -> registry.team(t).stream())
                .noneMatch(t -> Access.inDirectory(t, reach, registry))) {
            throw Problem.notFound("volunteer " + id);
        }
        return new VolunteerState(volunteer, teamIds);
    }

    /**
     * A volunteer's identity document number as {@code caller} may see it: whole for the volunteer themself and
     * admins ({@link Access#seesIdentityNumber}), masked for everyone else; null when none was registered.
     */
    public String identityNumberShownTo(Caller caller, Volunteer volunteer) {
        if (volunteer.identity() == null) {
            return null;
        }
        return identities.get().numberShownTo(caller, volunteer.id(), volunteer.identity());
    }

    /**
     * What a registration is, for telling a replay from another volunteer under the same key: the same document
     * has the same look-up hash, while its sealed form differs at each sealing (a fresh nonce); the version
     * counts later updates, not what was registered.
     */
    private static Volunteer registered(Volunteer volunteer) {
        StoredIdentity identity = volunteer.identity();
        return new Volunteer(volunteer.id(), volunteer.name(), volunteer.phone(), volunteer.volunteerNumber(),
                identity == null ? null : new StoredIdentity(identity.type(), identity.masked(), identity.lookupHash(), null));
    }

    private Team storedTeam(String id) {
        return Optional.ofNullable(id).filter(Ids::isWellFormed).flatMap(store::findTeam)
                .orElseThrow(() -> Problem.notFound("team " + id));
    }

    /**
     * Adds a member with a conditional write on the team's version, first on the registry's copy {@code read}
     * (which may be behind the store: its write then loses), then on the stored team, retried while other writes
     * win. The team as it now stands.
     */
    private Team join(Team read, String volunteerId) {
        Team current = read;
        for (int attempt = 0; ; attempt++) {
            Team joined = current.withMember(volunteerId);
            if (joined == current) {
                return current;
            }
            try {
                store.replaceTeam(current, joined);
                return joined;
            } catch (ConcurrentChangeException lost) {
                if (attempt == JOIN_ATTEMPTS) {
                    throw Problem.conflict("team " + read.id() + " keeps changing; retry with the same Idempotency-Key");
                }
            }
            current = storedTeam(read.id());
        }
    }

    /** Those of the form's members who are registered volunteers: read beside the registry, before validating. */
    private Set<String> existingVolunteers(TeamForm form) {
        List<String> members = RegistryForms.distinct(form.members());
        return members.isEmpty() ? Set.of() : store.findVolunteers(members.stream().filter(Ids::isWellFormed)
                .toList()).stream().map(Volunteer::id).collect(Collectors.toSet());
    }

    private Team validTeam(Registry registry, String id, TeamForm form, long version, Set<String> existingVolunteers) {
        Validation v = new Validation();
        Team team = RegistryForms.team(v, registry, members -> existingVolunteers, id, form, version);
        v.throwIfAny();
        return team;
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
