package diandan.app.menu;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

import diandan.app.IdempotencyKey;
import diandan.app.PageSize;
import diandan.app.Saved;
import diandan.app.Together;
import diandan.app.registry.RegistryCache;
import diandan.domain.Access;
import diandan.domain.Area;
import diandan.domain.AreaPath;
import diandan.domain.AreaType;
import diandan.domain.Caller;
import diandan.domain.Codes;
import diandan.domain.Ids;
import diandan.domain.Problem;
import diandan.domain.Registry;
import diandan.domain.Role;
import diandan.domain.Team;
import diandan.domain.Validation;
import diandan.domain.calendar.ServiceCalendar;
import diandan.domain.menu.Capacity;
import diandan.domain.menu.Offering;
import diandan.domain.menu.Project;
import diandan.port.ConcurrentChangeException;
import diandan.port.Page;
import diandan.port.menu.ProjectOrders;
import diandan.port.menu.ProjectRatings;
import diandan.port.menu.ProjectRepository;

/**
 * Publishing service projects and reading the menu. A project appears on the menu of every community it serves
 * (each community of its areas) and on its team's district's menu; each write puts it on its menus as they are now
 * and takes it off those it left, so saving a project again also repairs its menus (after a failed call, or when
 * communities were added under its areas). What a menu shows is read from the projects themselves: only active
 * projects that still serve the community are listed.
 */
public final class ProjectService {
    private final ProjectRepository projects;
    private final ProjectOrders orders;
    private final ProjectRatings ratings;
    private final RegistryCache registry;
    private final Clock clock;

    public ProjectService(ProjectRepository projects, ProjectOrders orders, ProjectRatings ratings,
                          RegistryCache registry, Clock clock) {
        this.projects = projects;
        this.orders = orders;
        this.ratings = ratings;
        this.registry = registry;
        this.clock = clock;
    }

    /**
     * Publishes a project. With an {@code Idempotency-Key} its id derives from the caller and the key: a retry
     * finds the project its first attempt stored, finishes putting it on its menus, and answers it (not created);
     * the key with another project is refused (422).
     */
    public Saved<ProjectState> create(Caller caller, ProjectForm form, String idempotencyKey) {
        IdempotencyKey.check(idempotencyKey);
        Registry snapshot = registry.get();
        String teamId = form.teamId() == null && caller.is(Role.TEAM_LEADER) ? caller.teamId() : form.teamId();
        Instant now = clock.instant();
        Project project = valid(snapshot, IdempotencyKey.id("p", caller, idempotencyKey, now), teamId, form, 1,
                caller.sub(), now, now);
        Access.requireManageProjects(caller, snapshot.team(teamId).orElseThrow(), snapshot);
        boolean created = projects.create(project);
        if (!created) {
            Project earlier = projects.find(project.id()).orElseThrow(() -> new ConcurrentChangeException(project.id()));
            IdempotencyKey.requireSameBody(offer(earlier), offer(project), "a different project", "a new project");
            return new Saved<>(listed(earlier, menus(earlier, snapshot), earlier.category(), Set.of()), false);
        }
        return new Saved<>(listed(project, menus(project, snapshot), project.category(), Set.of()), true);
    }

    /** What a project offers, without when and by whom it was stored: what a retried body must repeat. */
    private static List<Object> offer(Project p) {
        return List.of(p.teamId(), p.title(), p.category(), String.valueOf(p.description()), p.areaIds(), p.offered(),
                p.capacity(), p.active());
    }

    /**
     * A project of a seed file (the local stack's demo district) under the file's id, checked as a body is; one
     * stored already is left as it is, so that loading the file again changes nothing.
     */
    public void seed(String id, ProjectForm form) {
        Registry snapshot = registry.get();
        Instant now = clock.instant();
        Project project = valid(snapshot, id, form.teamId(), form, 1, "seed", now, now);
        if (projects.create(project)) {
            projects.list(project, menus(project, snapshot));
        }
    }

    public ProjectState update(Caller caller, String id, Long ifMatch, ProjectForm form) {
        Registry snapshot = registry.get();
        Project current = stored(id);
        Access.requireManageProjects(caller, snapshot.team(current.teamId()).orElseThrow(
                () -> Problem.forbidden("team " + current.teamId() + " is no longer registered")), snapshot);
        if (form.teamId() != null && !form.teamId().equals(current.teamId())) {
            throw Problem.invalid("teamId", "a project stays with its team (" + current.teamId() + ")");
        }
        if (ifMatch != null && ifMatch != current.version()) {
            throw Problem.conflict("project " + id + " is at version " + current.version() + ", not " + ifMatch);
        }
        Project next = valid(snapshot, id, current.teamId(), form, current.version() + 1, current.createdBy(),
                current.createdAt(), clock.instant());
        try {
            projects.replace(current, next);
        } catch (ConcurrentChangeException lost) {
            throw Problem.conflict("project " + id + " was changed at the same time; reload it and try again");
        }
        Set<String> nowOn = menus(next, snapshot);
        Set<String> left = menus(current, snapshot);
        if (current.category().equals(next.category())) {
            left.removeAll(nowOn);
        }
        return listed(next, nowOn, current.category(), left);
    }

    /** Any signed-in caller: the menu is public, and a project holds no personal data. */
    public ProjectState get(String id) {
        return state(stored(id));
    }

    /**
     * A page of the menu: of a community (the active projects serving it, its street's and district's among them),
     * of a team (all its projects, paused ones too), or of a district (its teams' active projects; the only one
     * registered when none is named).
     */
    public Page<Project> list(String communityId, String teamId, String areaId, String category, String limit,
                              String cursor) {
        Registry snapshot = registry.get();
        Validation v = new Validation();
        String community = v.optionalText("communityId", communityId, 64);
        String team = v.optionalText("teamId", teamId, 64);
        String area = v.optionalText("areaId", areaId, 64);
        String code = v.optionalText("category", category, 40);
        int size = PageSize.of(v, limit);
        if (Stream.of(community, team, area).filter(Objects::nonNull).count() > 1) {
            v.fail("teamId", "give at most one of communityId, teamId and areaId");
        }
        if (code != null && snapshot.category(code).isEmpty()) {
            v.fail("category", "unknown category '" + code + "'");
        }
        Optional<AreaPath> path = Optional.ofNullable(community).flatMap(snapshot::pathOf);
        if (community != null && path.isEmpty()) {
            v.fail("communityId", "no community '" + community + "'");
        }
        v.throwIfAny();
        if (team != null) {
            Page<Project> page = projects.ofTeam(team, size, cursor);
            return new Page<>(page.items().stream().filter(p -> code == null || p.category().equals(code)).toList(),
                    page.nextCursor());
        }
        if (path.isPresent()) {
            Page<Project> page = projects.menu(community, code, size, cursor);
            return new Page<>(page.items().stream().filter(p -> p.active() && p.serves(path.get())).toList(),
                    page.nextCursor());
        }
        Area district = snapshot.areaOrDistrict("areaId", area);
        if (district.type() != AreaType.DISTRICT) {
            throw Problem.invalid("areaId", "a district's menu, or give communityId for a community's");
        }
        Page<Project> page = projects.menu(district.id(), code, size, cursor);
        return new Page<>(page.items().stream().filter(Project::active).toList(), page.nextCursor());
    }

    private Project stored(String id) {
        if (!Ids.isWellFormed(id)) {
            throw Problem.notFound("project " + id);
        }
        return projects.find(id).orElseThrow(() -> Problem.notFound("project " + id));
    }

    private ProjectState state(Project project) {
        String window = project.capacity().window(project.offered(), clock.instant(), ServiceCalendar.DEFAULT_ZONE)
                .orElse(null);
        Together.Both<Integer, ProjectRatings.Tally> read = Together.get(
                () -> window == null ? 0 : orders.taken(project.id(), window), () -> ratings.tally(project.id()));
        return new ProjectState(project, window, read.first(), read.second());
    }

    /**
     * Puts the project on the menus {@code onto} and takes its entries under {@code offCategory} off the menus
     * {@code off}, one write a menu, while its state is read: none of these needs another, so all go at once.
     */
    private ProjectState listed(Project project, Set<String> onto, String offCategory, Set<String> off) {
        List<Runnable> pieces = new ArrayList<>();
        onto.forEach(menu -> pieces.add(() -> projects.list(project, List.of(menu))));
        off.forEach(menu -> pieces.add(() -> projects.unlist(project.id(), offCategory, List.of(menu))));
        ProjectState[] state = new ProjectState[1];
        pieces.add(() -> state[0] = state(project));
        Together.run(pieces);
        return state[0];
    }

    /** The menus a project belongs on: each community of its areas, and its team's district. */
    private static Set<String> menus(Project project, Registry snapshot) {
        Set<String> menus = new LinkedHashSet<>();
        for (Area area : snapshot.areas()) {
            if (area.type() == AreaType.COMMUNITY && project.areaIds().stream().anyMatch(a -> snapshot.isWithin(area.id(), a))) {
                menus.add(area.id());
            }
        }
        snapshot.team(project.teamId()).flatMap(snapshot::districtOf).ifPresent(menus::add);
        return menus;
    }

    /** The project a form describes, refused (422) with every complaint at once. */
    private static Project valid(Registry snapshot, String id, String teamId, ProjectForm form, long version,
                                 String createdBy, Instant createdAt, Instant updatedAt) {
        Validation v = new Validation();
        v.requiredText("teamId", teamId, 64);
        Optional<Team> team = Optional.ofNullable(teamId).flatMap(snapshot::team);
        if (teamId != null && team.isEmpty()) {
            v.fail("teamId", "no team '" + teamId + "'");
        }
        String title = v.requiredText("title", form.title(), Project.MAX_TITLE);
        String category = v.requiredText("category", form.category(), 40);
        if (category != null && snapshot.category(category).isEmpty()) {
            v.fail("category", "unknown category '" + category + "'");
        } else if (category != null && team.isPresent() && !team.get().serves(category)) {
            v.fail("category", "team " + teamId + " does not serve " + category);
        }
        String description = v.optionalMultiLineText("description", form.description(), Project.MAX_DESCRIPTION);
        List<String> areaIds = new ArrayList<>();
        if (form.areaIds() == null || form.areaIds().isEmpty()) {
            v.fail("areaIds", "name the areas the project serves");
        } else if (form.areaIds().size() > Project.MAX_AREAS) {
            v.fail("areaIds", "at most " + Project.MAX_AREAS + " areas");
        } else {
            for (String areaId : new LinkedHashSet<>(form.areaIds())) {
                if (snapshot.area(areaId).isEmpty()) {
                    v.fail("areaIds", "no area '" + areaId + "'");
                } else if (team.isPresent() && team.get().areaIds().stream().noneMatch(t -> snapshot.isWithin(areaId, t))) {
                    v.fail("areaIds", areaId + " lies outside the areas team " + teamId + " covers");
                } else {
                    areaIds.add(areaId);
                }
            }
        }
        Offering offered = Offering.read(v, form.weekly(), form.dates());
        Capacity.Per per = Capacity.Per.WEEK;
        if (form.capacityPer() != null) {
            per = Codes.parse(Capacity.Per.class, form.capacityPer()).orElse(null);
            if (per == null) {
                v.fail("capacityPer", "must be week or session");
            }
        }
        if (form.capacity() == null) {
            v.fail("capacity", "is required: how many orders a week or a session it takes");
        } else if (form.capacity() < 1 || form.capacity() > Capacity.MAX_ORDERS) {
            v.fail("capacity", "must be a whole number from 1 to " + Capacity.MAX_ORDERS);
        }
        v.throwIfAny();
        return new Project(id, teamId, title, category, description, areaIds, offered,
                new Capacity(per, form.capacity()), form.active() == null || form.active(), version, createdBy,
                createdAt, updatedAt);
    }
}
