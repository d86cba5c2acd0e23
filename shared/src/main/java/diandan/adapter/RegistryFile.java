package diandan.adapter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import diandan.adapter.json.Json;
import diandan.app.registry.RegistryEntries;
import diandan.app.registry.RegistryForms;
import diandan.app.registry.TeamForm;
import diandan.domain.Area;
import diandan.domain.Category;
import diandan.domain.Clocks;
import diandan.domain.Ids;
import diandan.domain.Problem;
import diandan.domain.Registry;
import diandan.domain.SlaClock;
import diandan.domain.Team;
import diandan.domain.Validation;
import diandan.domain.Volunteer;
import diandan.domain.calendar.TimeBase;
import diandan.port.registry.RegistryRepository;

/**
 * A district's registry as a JSON file {@code {areas, categories, teams, volunteers}} in the API's shapes: how a
 * registry is first put in place (the local stack's demo data, a deployment's seed) and how it is exported. A
 * team's members are those it lists and the volunteers that list it in their {@code teamIds}. The file is checked
 * whole, by the rules the admin routes apply ({@link RegistryForms}), before anything is stored: every area,
 * category and volunteer it refers to is in it (built-in categories aside), and every complaint is named by its
 * place in the file ({@code teams.<id>.capacity}).
 */
public final class RegistryFile {
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RegistryFile() {
    }

    /**
     * @throws Problem (validation) listing every complaint, when the file is not a valid registry
     * @throws IllegalStateException when the file cannot be read
     */
    public static RegistryEntries read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
        JsonNode root;
        try {
            root = Json.read(text);
        } catch (JacksonException e) {
            throw Problem.invalid("file", "is not JSON: " + e.getOriginalMessage());
        }
        if (!root.isObject()) {
            throw Problem.invalid("file", "must be an object {areas, categories, teams, volunteers}");
        }
        return parse(root);
    }

    /** Reads the file and stores all of it, as given: areas, categories, volunteers, teams. */
    public static RegistryEntries load(Path file, RegistryRepository repository) {
        RegistryEntries contents = read(file);
        contents.areas().forEach(repository::putArea);
        contents.categories().forEach(repository::putCategory);
        contents.volunteers().forEach(repository::putVolunteer);
        contents.teams().forEach(repository::putTeam);
        return contents;
    }

    /**
     * The registry as a file {@link #read} takes back: areas from the top down, the rest by id; each volunteer
     * with the teams that list them, teams without their members (the volunteers say them).
     */
    public static String write(RegistryEntries contents) {
        ObjectNode root = Json.object();
        ArrayNode areas = root.putArray("areas");
        contents.areas().stream().sorted(Comparator.comparing((Area a) -> a.type().ordinal()).thenComparing(Area::id))
                .forEach(a -> areas.addObject().put("id", a.id()).put("name", a.name()).put("type", a.type().code())
                        .put("parentId", a.parentId()));
        ArrayNode categories = root.putArray("categories");
        contents.categories().stream().sorted(Comparator.comparing(Category::code)).forEach(c -> {
            ObjectNode category = categories.addObject().put("code", c.code()).put("name", c.name());
            ObjectNode clocks = category.putObject("clocks").put("respondMinutes", c.clocks().respondMinutes())
                    .put("replyMinutes", c.clocks().replyMinutes()).put("resolveMinutes", c.clocks().resolveMinutes());
            for (SlaClock clock : SlaClock.values()) {
                TimeBase base = c.clocks().timeBases().of(clock);
                if (base != TimeBase.CONTINUOUS) {
                    clocks.put(clock.name().toLowerCase() + "TimeBase", base.code());
                }
            }
        });
        List<Team> teamsById = contents.teams().stream().sorted(Comparator.comparing(Team::id)).toList();
        ArrayNode teams = root.putArray("teams");
        teamsById.forEach(t -> {
            ObjectNode team = teams.addObject().put("id", t.id()).put("name", t.name());
            t.categories().forEach(team.putArray("categories")::add);
            t.areaIds().forEach(team.putArray("areaIds")::add);
            team.put("capacity", t.capacity());
            t.leaders().forEach(team.putArray("leaders")::add);
            team.put("active", t.active());
        });
        ArrayNode volunteers = root.putArray("volunteers");
        contents.volunteers().stream().sorted(Comparator.comparing(Volunteer::id)).forEach(v -> {
            ObjectNode volunteer = volunteers.addObject().put("id", v.id()).put("name", v.name()).put("phone", v.phone());
            ArrayNode teamIds = volunteer.putArray("teamIds");
            teamsById.stream().filter(t -> t.members().contains(v.id())).forEach(t -> teamIds.add(t.id()));
        });
        try {
            return PRETTY.writeValueAsString(root) + "\n";
        } catch (JacksonException e) {
            throw new IllegalStateException("cannot write the registry", e);
        }
    }

    private static RegistryEntries parse(JsonNode root) {
        Validation v = new Validation();
        List<Area> areas = new ArrayList<>();
        Set<String> areaIds = new HashSet<>();
        each(v, root, "areas", "id", areaIds, (part, a) -> add(areas, RegistryForms.area(part, text(a, "id"),
                text(a, "name"), text(a, "type"), text(a, "parentId"))));
        List<Category> categories = new ArrayList<>();
        each(v, root, "categories", "code", new HashSet<>(), (part, c) -> add(categories, RegistryForms.category(part,
                text(c, "code"), text(c, "name"), clockForm(c.path("clocks")))));
        List<Volunteer> volunteers = new ArrayList<>();
        Set<String> volunteerIds = new HashSet<>();
        Set<String> namedTeams = new HashSet<>();
        root.path("teams").forEach(t -> namedTeams.add(text(t, "id")));
        each(v, root, "volunteers", "id", volunteerIds, (part, n) -> {
            String id = text(n, "id");
            if (!Ids.isWellFormed(id)) {
                part.fail("id", "must be 1 to 64 letters, digits, _ or -");
            }
            strings(n.path("teamIds")).stream().filter(t -> !namedTeams.contains(t))
                    .forEach(t -> part.fail("teamIds", "no team '" + t + "' in the file"));
            add(volunteers, RegistryForms.volunteer(part, id, text(n, "name"), text(n, "phone")));
        });
        Registry registry = Registry.of(areas, categories, List.of());
        for (Area area : areas) {
            try {
                registry.requirePlacement(area);
            } catch (Problem misplaced) {
                misplaced.errors().forEach(e -> v.within("areas." + area.id()).fail(e.field(), e.message()));
            }
        }
        List<Team> teams = new ArrayList<>();
        Set<String> teamIds = new HashSet<>();
        each(v, root, "teams", "id", teamIds, (part, t) -> {
            String id = text(t, "id");
            if (!Ids.isWellFormed(id)) {
                part.fail("id", "must be 1 to 64 letters, digits, _ or -");
            }
            Set<String> members = new LinkedHashSet<>(strings(t.path("members")));
            for (JsonNode volunteer : root.path("volunteers")) {
                if (strings(volunteer.path("teamIds")).contains(id)) {
                    members.add(text(volunteer, "id"));
                }
            }
            TeamForm form = new TeamForm(text(t, "name"), strings(t.path("categories")), strings(t.path("areaIds")),
                    t.path("capacity").canConvertToExactIntegral() ? t.path("capacity").asInt() : null,
                    strings(t.path("leaders")), List.copyOf(members),
                    t.path("active").isBoolean() ? t.path("active").asBoolean() : null);
            add(teams, RegistryForms.team(part, registry, given -> given.stream().filter(volunteerIds::contains)
                    .collect(Collectors.toSet()), id, form, 1));
        });
        v.throwIfAny();
        return new RegistryEntries(areas, categories, teams, volunteers);
    }

    private interface Entry {
        void check(Validation part, JsonNode node);
    }

    /**
     * Checks each entry of a list under its name in the file ({@code teams.<id>}, or {@code teams[<index>]} when its
     * id is missing or repeated), each id once.
     */
    private static void each(Validation v, JsonNode root, String list, String idField, Set<String> seen, Entry entry) {
        JsonNode nodes = root.path(list);
        if (!nodes.isMissingNode() && !nodes.isArray()) {
            v.fail(list, "must be a list");
            return;
        }
        int index = 0;
        for (JsonNode node : nodes) {
            String id = text(node, idField);
            boolean named = id != null && seen.add(id);
            Validation part = v.within(named ? list + "." + id : list + "[" + index + "]");
            if (!node.isObject()) {
                part.fail(idField, "the entry must be an object");
            } else if (id != null && !named) {
                part.fail(idField, "'" + id + "' appears twice");
            } else {
                entry.check(part, node);
            }
            index++;
        }
    }

    private static <T> void add(List<T> values, T checked) {
        if (checked != null) {
            values.add(checked);
        }
    }

    /**
     * A category's {@code clocks} as {@code PUT /categories/{code}} takes them, checked by the same rule; an absent
     * minute count is the desk's promise, an absent time base {@code continuous}, an absent warning share the default.
     */
    private static Clocks.Form clockForm(JsonNode clocks) {
        return new Clocks.Form(clocks.path("respondMinutes").asInt(Clocks.DESK_PROMISE.respondMinutes()),
                clocks.path("replyMinutes").asInt(Clocks.DESK_PROMISE.replyMinutes()),
                clocks.path("resolveMinutes").asInt(Clocks.DESK_PROMISE.resolveMinutes()),
                text(clocks, "respondTimeBase"), text(clocks, "replyTimeBase"), text(clocks, "resolveTimeBase"),
                clocks.path("warnAtPercent").isInt() ? clocks.path("warnAtPercent").asInt() : null);
    }

    private static String text(JsonNode node, String field) {
        return node.path(field).isTextual() ? node.path(field).asText() : null;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
