package diandan.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class RegistryTest {
    private static final Area DISTRICT = new Area("xinbei-district", "新北区", AreaType.DISTRICT, null);
    private static final Area STREET = new Area("xinbei-street", "新北街道", AreaType.STREET, "xinbei-district");
    private static final Registry REGISTRY = new Registry(List.of(STREET, DISTRICT), List.of(), List.of());

    @Test
    void aQueryLooksAtTheAreaItNamesElseTheDistrict() {
        assertEquals(STREET, REGISTRY.areaOrDistrict("areaId", "xinbei-street"));
        assertEquals(DISTRICT, REGISTRY.areaOrDistrict("areaId", null));
    }

    @Test
    void anUnknownAreaIsRefusedOnTheFieldThatNamedIt() {
        Problem unknown = assertThrows(Problem.class, () -> REGISTRY.areaOrDistrict("communityId", "atlantis"));
        assertEquals(Problem.Kind.VALIDATION, unknown.kind());
        assertEquals(List.of(new Problem.FieldError("communityId", "no area 'atlantis'")), unknown.errors());
    }

    @Test
    void theDistrictsAnAreaSpansAreThoseTheTreePlacesBelowIt() {
        Registry tree = new Registry(List.of(new Area("shaanxi", "陕西省", AreaType.PROVINCE, null),
                new Area("xianyang", "咸阳市", AreaType.CITY, "shaanxi"),
                new Area("weicheng", "渭城区", AreaType.DISTRICT, "xianyang"),
                new Area("qindu", "秦都区", AreaType.DISTRICT, "xianyang"),
                new Area("baoji", "宝鸡市", AreaType.CITY, "shaanxi"),
                new Area("jintai", "金台区", AreaType.DISTRICT, "baoji"),
                new Area("weiyang", "渭阳街道", AreaType.STREET, "weicheng")), List.of(), List.of());
        assertEquals(List.of("qindu", "weicheng"), tree.districtsWithin("xianyang"));
        assertEquals(List.of("jintai", "qindu", "weicheng"), tree.districtsWithin("shaanxi"));
        assertEquals(List.of("weicheng"), tree.districtsWithin("weicheng"));
        assertEquals(List.of(), tree.districtsWithin("weiyang"));
        assertEquals(List.of(), tree.districtsWithin("atlantis"));
    }

    @Test
    void withNoDistrictRegisteredAnAreaMustBeNamed() {
        Registry empty = new Registry(List.of(), List.of(), List.of());
        Problem missing = assertThrows(Problem.class, () -> empty.areaOrDistrict("areaId", null));
        assertEquals(List.of(new Problem.FieldError("areaId", "is required: no district is registered")),
                missing.errors());
    }
}
