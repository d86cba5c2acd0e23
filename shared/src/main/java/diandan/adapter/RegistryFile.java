package diandan.adapter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import diandan.adapter.json.Json;
import diandan.domain.Area;
import diandan.domain.AreaType;
import diandan.domain.Category;
import diandan.domain.Clocks;
import diandan.port.RegistryRepository;

/**
 * Loads areas and local categories from a JSON file {@code {areas: [...], categories: [...]}} in the API's
 * shapes: how a district's registry is first put in place (the local stack's demo data, a deployment's seed).
 */
public final class RegistryFile {
    private RegistryFile() {
    }

    public record Contents(List<Area> areas, List<Category> categories) {
    }

    public static Contents read(Path file) {
        try {
            JsonNode root = Json.MAPPER.readTree(Files.readString(file));
            List<Area> areas = new ArrayList<>();
            for (JsonNode a : root.path("areas")) {
                areas.add(new Area(a.path("id").asText(), a.path("name").asText(),
                        AreaType.fromCode(a.path("type").asText()).orElseThrow(
                                () -> new IllegalArgumentException("bad area type in " + a)),
                        a.path("parentId").isTextual() ? a.path("parentId").asText() : null));
            }
            List<Category> categories = new ArrayList<>();
            for (JsonNode c : root.path("categories")) {
                JsonNode clocks = c.path("clocks");
                categories.add(new Category(c.path("code").asText(), c.path("name").asText(), false,
                        new Clocks(clocks.path("respondMinutes").asInt(Clocks.DESK_PROMISE.respondMinutes()),
                                clocks.path("replyMinutes").asInt(Clocks.DESK_PROMISE.replyMinutes()),
                                clocks.path("resolveMinutes").asInt(Clocks.DESK_PROMISE.resolveMinutes()))));
            }
            return new Contents(areas, categories);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    public static Contents load(Path file, RegistryRepository repository) {
        Contents contents = read(file);
        contents.areas().forEach(repository::putArea);
        contents.categories().forEach(repository::putCategory);
        return contents;
    }
}
