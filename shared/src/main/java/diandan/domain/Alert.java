package diandan.domain;

import java.time.Instant;

/**
 * A missed promise or an unroutable request, raised to the service body of an area: level 0 (unrouted) and
 * level 1 to the community station, level 2 to the street institute, level 3 to the district centre.
 * Carries no personal data: it may leave the system (SNS).
 *
 * @param id derived from the request and the reason, so that raising the same alert twice stores it once
 * @param areaId the area of the service body it is raised to
 * @param path where the request lies; with the level it decides whose dispatchers see the alert
 */
public record Alert(String id, String requestId, int level, String areaId, AreaPath path, Instant at,
                    boolean acknowledged, String reason) {
    /** The alert for this request and reason: the same inputs always give the same id. */
    public static Alert raise(ServiceRequest request, int level, String reason, Instant at) {
        AreaPath area = request.area();
        String areaId = switch (level) {
            case 2 -> area.streetId();
            case 3 -> area.districtId();
            default -> area.communityId();
        };
        // an unrouted request is raised once each time it becomes unrouted, however often it is written meanwhile
        long episode = level == 0 ? request.timeline().stream().filter(e -> e.type().equals("unrouted")).count() : 0;
        String id = Ids.derivedId("a", request.id(), Integer.toString(level), reason, request.createdAt().toString(),
                Long.toString(episode));
        return new Alert(id, request.id(), level, areaId, area, at, false, reason);
    }

    /** The service body that receives it. */
    public String addressee() {
        return switch (level) {
            case 2 -> "street institute";
            case 3 -> "district centre";
            default -> "community station";
        };
    }

    /**
     * The alert's area and the areas above it: a dispatcher of any of them sees the alert; one of a community
     * does not see what was raised to its street or district.
     */
    public AreaPath scope() {
        return switch (level) {
            case 2 -> new AreaPath(null, path.streetId(), path.districtId());
            case 3 -> new AreaPath(null, null, path.districtId());
            default -> path;
        };
    }

    public Alert acknowledge() {
        return new Alert(id, requestId, level, areaId, path, at, true, reason);
    }
}
