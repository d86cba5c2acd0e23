package diandan.port;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import diandan.domain.AreaType;
import diandan.port.hours.ActivityRepository;
import diandan.port.hours.RecordQuery;
import diandan.port.request.RequestQuery;

/** Every query that reads by area has a scope for each area type, so no area can make the lookup fail. */
class AreaScopesTest {
    @Test
    void everyAreaQueryHasAScopeForEachAreaType() {
        for (AreaType type : AreaType.values()) {
            assertEquals(type.name(), AreaScopes.forArea(RequestQuery.Scope.class, type).name());
            assertEquals(type.name(), AreaScopes.forArea(RecordQuery.Scope.class, type).name());
            assertEquals(type.name(), AreaScopes.forArea(ActivityRepository.Query.Scope.class, type).name());
        }
    }
}
