package diandan.escalation;

import static diandan.escalation.SlaSummariesTest.AS_OF;
import static diandan.escalation.SlaSummariesTest.FIRST_DAY;
import static diandan.escalation.SlaSummariesTest.at;
import static diandan.escalation.SlaSummariesTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import diandan.app.escalation.SlaReports;
import diandan.adapter.dynamodb.DynamoRegistryRepository;
import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;
import diandan.domain.Area;
import diandan.domain.AreaPath;
import diandan.domain.AreaType;
import diandan.domain.Caller;
import diandan.domain.Problem;
import diandan.domain.Role;
import diandan.domain.ServiceRequest;
import diandan.domain.SlaSummary;

/**
 * The SLA report of a city (咸阳市: the demo's districts 渭城区 and 秦都区): read district by district from each
 * district's own stored summaries, and what a desk above, within or beside the city may see of it. Another city of
 * the province, 宝鸡市 (district 金台区), has requests of its own.
 */
@ExtendWith(DynaliteExtension.class)
class CitySlaReportTest {
    static final List<AreaPath> PLACES = List.of(Fixtures.XINBEI, Fixtures.XIBEI_YIMIAN,
            new AreaPath("chenyang-east", "chenyangzhai", "qindu"), new AreaPath("xilan-west", "xilanlu", "qindu"),
            new AreaPath("jintai-east", "jintai-street", "jintai"));
    static final List<String> DISTRICTS = List.of("qindu", "weicheng");
    static final Caller CITY_ADMIN = new Caller("a-xianyang", Set.of(Role.ADMIN), null, "xianyang", null);
    static final Caller CITY_DISPATCHER = new Caller("d-xianyang", Set.of(Role.DISPATCHER), null, "xianyang", null);
    static final Caller DISTRICT_ADMIN = new Caller("a-weicheng", Set.of(Role.ADMIN), null, "weicheng", null);
    static final Caller QINDU_DISPATCHER = new Caller("d-qindu", Set.of(Role.DISPATCHER), null, "qindu", null);
    static final Caller OTHER_CITY_ADMIN = new Caller("a-baoji", Set.of(Role.ADMIN), null, "baoji", null);
    static final Caller PROVINCE_ADMIN = new Caller("a-shaanxi", Set.of(Role.ADMIN), null, "shaanxi", null);
    static final String FROM = "2026-10-15T03:00:00Z";
    static final String TO = "2026-11-20T09:00:00Z";

    static LocalTable table;

    /**
     * Two requests a day in each district of 咸阳市 and one in 金台区 over the history's 75 days, every one of them
     * final by {@link SlaSummariesTest#AS_OF}.
     */
    static List<ServiceRequest> history() {
        Random random = new Random(19);
        List<ServiceRequest> requests = new ArrayList<>();
        for (int d = 0; d < SlaSummariesTest.DAYS; d++) {
            Instant dayStart = SlaSummariesTest.start(FIRST_DAY.plusDays(d));
            for (int i = 0; i < PLACES.size(); i++) {
                AreaPath place = PLACES.get(i);
                requests.add(SlaSummariesTest.fate(random.nextInt(7), "c" + d + "-" + i,
                        dayStart.plus(SlaSummariesTest.min(random.nextInt(23 * 60))), place,
                        SlaSummariesTest.CATEGORIES.get(random.nextInt(2)), random));
            }
        }
        return requests;
    }

    @BeforeAll
    static void setUp(LocalTable engineTable) throws Exception {
        table = SlaSummariesTest.tableWith(engineTable, history());
        DynamoRegistryRepository registry = new DynamoRegistryRepository(table.client(), table.name());
        registry.putArea(new Area("baoji", "宝鸡市", AreaType.CITY, "shaanxi"));
        registry.putArea(new Area("jintai", "金台区", AreaType.DISTRICT, "baoji"));
        registry.putArea(new Area("jintai-street", "东风路街道", AreaType.STREET, "jintai"));
        registry.putArea(new Area("jintai-east", "东风路社区", AreaType.COMMUNITY, "jintai-street"));
    }

    static SlaReports reports() {
        return SlaSummariesTest.reports(table, new SlaSummariesTest.Reads());
    }

    @Test
    void aCityReportGroupedByDistrictHoldsEachDistrictsOwnTotal() {
        SlaReports.Report city = reports().report(CITY_ADMIN, FROM, TO, "district", "xianyang");
        assertEquals("xianyang", city.area().id());
        assertEquals(DISTRICTS, List.copyOf(city.groups().keySet()));
        SlaSummary total = new SlaSummary();
        for (String district : DISTRICTS) {
            SlaSummary own = reports().report(CITY_ADMIN, FROM, TO, "team", district).total();
            assertEquals(json(withTotal(city, own)), json(withTotal(city, city.groups().get(district))), district);
            total.merge(own);
        }
        assertEquals(json(withTotal(city, total)), json(withTotal(city, city.total())));
    }

    @Test
    void aCityReportByCategoryEqualsItsDistrictsRequestsReadOneByOne() {
        Map<String, SlaSummary> groups = new TreeMap<>(Comparator.nullsLast(Comparator.naturalOrder()));
        SlaSummary total = new SlaSummary();
        for (String district : DISTRICTS) {
            SlaReports.Report full = SlaSummariesTest.oracle(table, district, FROM, TO, SlaReports.GroupBy.CATEGORY);
            full.groups().forEach((key, summary) -> groups.computeIfAbsent(key, k -> new SlaSummary()).merge(summary));
            total.merge(full.total());
        }
        for (int run = 0; run < 2; run++) { // the first stores the districts' summaries, the second reads them
            SlaReports.Report city = reports().report(CITY_DISPATCHER, FROM, TO, "category", null);
            assertEquals(json(new SlaReports.Report(city.from(), city.to(), city.groupBy(), city.area(), AS_OF, groups,
                    total)), json(city), "run " + run);
        }
    }

    /**
     * The year 2026 as of 7 December: eleven whole months and five summarized days of December in each district,
     * the rest of December (nothing submitted yet) request by request.
     */
    @Test
    void aCitysYearReadsItsDistrictsMonthItemsAndNoRequestOnceSummarized() {
        String from = at("2026-01-01");
        String to = at("2027-01-01");
        reports().report(CITY_ADMIN, from, to, "district", "xianyang");
        SlaSummariesTest.Reads reads = new SlaSummariesTest.Reads();
        SlaReports.Report year = SlaSummariesTest.reports(table, reads).report(CITY_ADMIN, from, to, "district", "xianyang");
        assertEquals(history().stream().filter(r -> !r.area().districtId().equals("jintai")).count(),
                year.total().requests());
        assertEquals(0, reads.requests.get(), reads.toString());
        assertEquals(2 * 11, reads.months.get(), reads.toString());
        assertEquals(2 * 5, reads.summaries.get(), reads.toString());
        assertEquals(0, reads.stored.get() + reads.storedMonths.get(), reads.toString());
    }

    @Test
    void aDeskSeesTheCityOnlyFromWithinItsReachAndAboveItsDistricts() {
        assertEquals(403, refused(DISTRICT_ADMIN, "xianyang"));
        assertEquals(403, refused(QINDU_DISPATCHER, "xianyang"));
        assertEquals(403, refused(QINDU_DISPATCHER, "weicheng"));
        assertEquals(403, refused(CITY_ADMIN, "shaanxi"));
        assertEquals(403, refused(CITY_ADMIN, "baoji"));
        assertEquals(403, refused(CITY_ADMIN, "jintai"));
        assertEquals(403, refused(OTHER_CITY_ADMIN, "xianyang"));
        assertEquals(List.of("jintai"), List.copyOf(reports().report(OTHER_CITY_ADMIN, FROM, TO, "district", null)
                .groups().keySet()));
        assertEquals(List.of("jintai", "qindu", "weicheng"), List.copyOf(reports().report(PROVINCE_ADMIN, FROM, TO,
                "district", null).groups().keySet()));
        assertEquals("xianyang", reports().report(CITY_ADMIN, FROM, TO, "district", null).area().id());
        assertEquals(List.of("qindu"), List.copyOf(reports().report(QINDU_DISPATCHER, FROM, TO, "district", null)
                .groups().keySet()));
        assertEquals(422, assertThrows(Problem.class,
                () -> reports().report(CITY_ADMIN, FROM, TO, "province", null)).kind().status);
    }

    static int refused(Caller caller, String areaId) {
        return assertThrows(Problem.class, () -> reports().report(caller, FROM, TO, "district", areaId)).kind().status;
    }

    static SlaReports.Report withTotal(SlaReports.Report report, SlaSummary total) {
        return new SlaReports.Report(report.from(), report.to(), report.groupBy(), report.area(), report.asOf(),
                Map.of(), total);
    }
}
