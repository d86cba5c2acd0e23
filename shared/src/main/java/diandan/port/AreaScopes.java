package diandan.port;

import diandan.domain.AreaType;

/**
 * Which scope of a query reads one area's partition. Every query that reads by area (requests, hours records,
 * activities) names its area scopes after the area types, so this one lookup serves them all; a test holds every
 * such scope enum to it.
 */
public final class AreaScopes {
    private AreaScopes() {
    }

    /**
     * The scope of {@code scopes} that reads an area of this type: the constant of the same name. Partitions go down
     * from the district: a city or a province is refused ({@link AreaType#requireWithinDistrict}).
     */
    public static <S extends Enum<S>> S forArea(Class<S> scopes, AreaType type) {
        return Enum.valueOf(scopes, type.requireWithinDistrict("areaId").name());
    }
}
