package diandan.port;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import diandan.domain.AreaType;
import diandan.domain.Problem;
import diandan.port.hours.ActivityRepository;
import diandan.port.hours.RecordQuery;
import diandan.port.request.RequestQuery;

/**
 * Every query that reads by area has a scope for each level of a district's tree, so no area can make the lookup
 * fail; a level above the district is a clear 422, never a failed lookup.
 */
class AreaScopesTest {
    @Test
    void everyAreaQueryHasAScopeForEachAreaType() {
        for (AreaType type : AreaType.IN_A_DISTRICT) {
            assertEquals(type.name(), AreaScopes.forArea(RequestQuery.Scope.class, type).name());
            assertEquals(type.name(), AreaScopes.forArea(RecordQuery.Scope.class, type).name());
            assertEquals(type.name(), AreaScopes.forArea(ActivityRepository.Query.Scope.class, type).name());
        }
    }

    @Test
    void aCityOrProvinceIsRefusedAsUnprocessableNotLookedUp() {
        for (AreaType type : AreaType.values()) {
            if (type.isAboveDistrict()) {
                Problem refused = assertThrows(Problem.class,
                        () -> AreaScopes.forArea(RequestQuery.Scope.class, type));
                assertEquals(422, refused.kind().status);
                assertTrue(refused.errors().get(0).message().contains("one district at a time"), refused.errors().toString());
            }
        }
    }
}
