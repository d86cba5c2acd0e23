package diandan.adapter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import diandan.adapter.json.Json;
import diandan.domain.Area;
import diandan.domain.AreaType;
import diandan.domain.Category;
import diandan.domain.Clocks;
import diandan.domain.PhoneNumbers;
import diandan.domain.Team;
import diandan.domain.Validation;
import diandan.domain.Volunteer;
import diandan.port.registry.RegistryRepository;

/**
 * Loads a district's registry from a JSON file {@code {areas, categories, teams, volunteers}} in the API's
 * shapes: how a registry is first put in place (the local stack's demo data, a deployment's seed). A team's
 * members are those it lists and the volunteers that list it in their {@code teamIds}. A category's clocks, time
 * bases included, are checked as {@code PUT /categories/{code}} checks them.
 */
public final class RegistryFile {
    private RegistryFile() {
    }

    public record Contents(List<Area> areas, List<Category> categories, List<Team> teams, List<Volunteer> volunteers) {
    }

    public static Contents read(Path file) {
        try {
            JsonNode root = Json.read(Files.readString(file));
            List<Area> areas = new ArrayList<>();
            for (JsonNode a : root.path("areas")) {
                areas.add(new Area(a.path("id").asText(), a.path("name").asText(),
                        AreaType.fromCode(a.path("type").asText()).orElseThrow(
                                () -> new IllegalArgumentException("bad area type in " + a)),
                        a.path("parentId").isTextual() ? a.path("parentId").asText() : null));
            }
            List<Category> categories = new ArrayList<>();
            Validation clockErrors = new Validation();
            for (JsonNode c : root.path("categories")) {
                String code = c.path("code").asText();
                Clocks clocks = Clocks.checked(clockErrors, "categories." + code + ".clocks", clockForm(c.path("clocks")));
                categories.add(new Category(code, c.path("name").asText(), false, clocks));
            }
            clockErrors.throwIfAny();
            List<Volunteer> volunteers = new ArrayList<>();
            for (JsonNode v : root.path("volunteers")) {
                String phone = PhoneNumbers.normalize(v.path("phone").asText()).orElseThrow(
                        () -> new IllegalArgumentException("bad phone number for volunteer " + v.path("id").asText()));
                volunteers.add(new Volunteer(v.path("id").asText(), v.path("name").asText(), phone));
            }
            List<Team> teams = new ArrayList<>();
            for (JsonNode t : root.path("teams")) {
                String id = t.path("id").asText();
                Set<String> members = new LinkedHashSet<>(strings(t.path("members")));
                for (JsonNode v : root.path("volunteers")) {
                    if (strings(v.path("teamIds")).contains(id)) {
                        members.add(v.path("id").asText());
                    }
                }
                teams.add(new Team(id, t.path("name").asText(), strings(t.path("categories")),
                        strings(t.path("areaIds")), t.path("capacity").asInt(), strings(t.path("leaders")),
                        List.copyOf(members), t.path("active").asBoolean(true), 1));
            }
            return new Contents(areas, categories, teams, volunteers);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    /** Reads the file and stores all of it: areas, categories, volunteers, teams. */
    public static Contents load(Path file, RegistryRepository repository) {
        Contents contents = read(file);
        contents.areas().forEach(repository::putArea);
        contents.categories().forEach(repository::putCategory);
        contents.volunteers().forEach(repository::putVolunteer);
        contents.teams().forEach(repository::putTeam);
        return contents;
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
