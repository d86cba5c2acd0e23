package diandan.app.registry;

import java.util.List;

/** A team as the client sent it (POST /teams, PUT /teams/{id}), before validation; absent fields are null. */
public record TeamForm(String name, List<String> categories, List<String> areaIds, Integer capacity,
                       List<String> leaders, List<String> members, Boolean active) {
}
