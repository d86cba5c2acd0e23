package diandan.domain;

import java.time.Instant;

/**
 * A missed promise or an unroutable request, raised to the service body of an area: level 0 (unrouted) and
 * level 1 to the community station, level 2 to the street institute, level 3 to the district centre.
 * Carries no personal data: it may leave the system (SNS).
 *
 * @param id derived from the request and the reason, so that raising the same alert twice stores it once
 */
public record Alert(String id, String requestId, int level, String areaId, Instant at, boolean acknowledged,
                    String reason) {
    /** The alert for this request and reason: the same inputs always give the same id. */
    public static Alert raise(ServiceRequest request, int level, String reason, Instant at) {
        AreaPath area = request.area();
        String areaId = switch (level) {
            case 2 -> area.streetId();
            case 3 -> area.districtId();
            default -> area.communityId();
        };
        String id = Ids.derivedId("a", request.id(), Integer.toString(level), reason, request.createdAt().toString(),
                Long.toString(level == 0 ? request.version() : 0));
        return new Alert(id, request.id(), level, areaId, at, false, reason);
    }
}
