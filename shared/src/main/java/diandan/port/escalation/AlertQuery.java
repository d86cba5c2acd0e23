package diandan.port.escalation;

import diandan.domain.AreaType;

/**
 * A page of alerts within one area.
 *
 * @param areaType the level of {@code areaId} in the area tree: which index partition holds its alerts
 * @param level only alerts of this level, or null
 * @param acknowledged only acknowledged (true) or open (false) alerts, or null for both
 */
public record AlertQuery(AreaType areaType, String areaId, Integer level, Boolean acknowledged, int limit,
                         String cursor) {
}
