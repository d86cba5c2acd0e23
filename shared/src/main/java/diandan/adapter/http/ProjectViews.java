package diandan.adapter.http;

import java.time.DayOfWeek;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import diandan.adapter.json.Json;
import diandan.app.menu.ProjectForm;
import diandan.app.menu.ProjectState;
import diandan.domain.Codes;
import diandan.domain.calendar.WeeklySpans;
import diandan.domain.menu.Offering;
import diandan.domain.menu.Project;

/**
 * Projects in and out of JSON: the body of {@code POST /projects} and {@code PUT /projects/{id}}, and a project as
 * the menu shows it (no personal data: who published it is left out).
 */
public final class ProjectViews {
    public static final Set<String> FIELDS = Set.of("teamId", "title", "category", "description", "areaIds", "weekly",
            "dates", "capacity", "capacityPer", "active");
    private static final List<String> DAYS = Stream.of(DayOfWeek.values()).map(Codes::of).toList();

    private ProjectViews() {
    }

    public static ProjectForm form(JsonBody body) {
        JsonBody week = body.object("weekly", DAYS.stream().collect(Collectors.toSet()));
        Map<String, List<String>> weekly = null;
        if (week != null) {
            weekly = new LinkedHashMap<>();
            for (String day : DAYS) {
                List<String> spans = week.strings(day, WeeklySpans.MAX_SPANS_PER_DAY);
                if (spans != null) {
                    weekly.put(day, spans);
                }
            }
        }
        ProjectForm form = new ProjectForm(body.string("teamId"), body.string("title"), body.string("category"),
                body.string("description"), body.strings("areaIds", Project.MAX_AREAS), weekly,
                body.strings("dates", Offering.MAX_DATES), body.integer("capacity"), body.string("capacityPer"),
                body.bool("active"));
        body.requireWellTyped();
        return form;
    }

    /** A project as listed on the menu. */
    public static ObjectNode project(Project p) {
        ObjectNode json = Json.object();
        json.put("id", p.id());
        json.put("teamId", p.teamId());
        json.put("title", p.title());
        json.put("category", p.category());
        if (p.description() != null) {
            json.put("description", p.description());
        }
        ArrayNode areas = json.putArray("areaIds");
        p.areaIds().forEach(areas::add);
        ObjectNode weekly = json.putObject("weekly");
        p.offered().weekly().forEach((day, spans) -> {
            ArrayNode list = weekly.putArray(Codes.of(day));
            spans.forEach(span -> list.add(span.toString()));
        });
        ArrayNode dates = json.putArray("dates");
        p.offered().dates().forEach(d -> dates.add(d.toString()));
        json.put("capacity", p.capacity().orders());
        json.put("capacityPer", p.capacity().per().code());
        json.put("active", p.active());
        Views.time(json, "createdAt", p.createdAt());
        Views.time(json, "updatedAt", p.updatedAt());
        json.put("version", p.version());
        return json;
    }

    /** A project read by its id: with the window an order now counts in, how full it is, and the ratings. */
    public static ObjectNode state(ProjectState state) {
        ObjectNode json = project(state.project());
        if (state.window() != null) {
            ObjectNode window = json.putObject("orders");
            window.put("window", state.window());
            window.put("taken", state.taken());
            window.put("capacity", state.project().capacity().orders());
        }
        ObjectNode ratings = json.putObject("ratings");
        ratings.put("count", state.ratings().ratings());
        if (state.ratings().ratings() > 0) {
            ratings.put("average", Math.round(state.ratings().scoreSum() * 100.0 / state.ratings().ratings()) / 100.0);
        }
        return json;
    }
}
