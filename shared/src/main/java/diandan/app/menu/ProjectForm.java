package diandan.app.menu;

import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /projects} and {@code PUT /projects/{id}}, as sent: a whole project (a PUT replaces it).
 * {@code teamId} defaults to a team leader's own team; {@code capacityPer} to {@code week}; {@code active} to true.
 */
public record ProjectForm(String teamId, String title, String category, String description, List<String> areaIds,
                          Map<String, List<String>> weekly, List<String> dates, Integer capacity, String capacityPer,
                          Boolean active) {
}
