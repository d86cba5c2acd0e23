package diandan.escalation;

import static diandan.escalation.SlaSummariesTest.AS_OF;
import static diandan.escalation.SlaSummariesTest.FIRST_DAY;
import static diandan.escalation.SlaSummariesTest.at;
import static diandan.escalation.SlaSummariesTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
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
    static final Caller GANSU_ADMIN = new Caller("a-gansu", Set.of(Role.ADMIN), null, "gansu", null);
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
        registry.putArea(new Area("gansu", "甘肃省", AreaType.PROVINCE, null));
        for (int city = 0; city < 10; city++) {
            registry.putArea(new Area("gs-city" + city, "市" + city, AreaType.CITY, "gansu"));
            for (int district = 0; district < 10; district++) {
                registry.putArea(new Area("gs-" + city + "-" + district, "区" + district, AreaType.DISTRICT,
                        "gs-city" + city));
            }
        }
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

    /**
     * 甘肃省 of 100 districts (ten cities of ten, no requests): its year would read 1,200 month items (~150 MB), more
     * than one report may, so it is refused before anything but the registry is read, naming its longest period.
     */
    @Test
    void aProvincesYearIsRefusedNamingItsLongestPeriodBeforeAnyRead() {
        SlaSummariesTest.Reads reads = new SlaSummariesTest.Reads();
        Problem refused = assertThrows(Problem.class, () -> SlaSummariesTest.reports(table, reads)
                .report(GANSU_ADMIN, at("2026-01-01"), at("2027-01-01"), "district", "gansu"));
        assertEquals(422, refused.kind().status);
        assertEquals(List.of(new Problem.FieldError("to", "this area's 100 districts may be reported over at most"
                + " 36 days at once (from 2025-12-31T16:00:00Z to 2026-02-05T16:00:00Z at the latest): ask for a"
                + " narrower area or a shorter period")), refused.errors());
        assertEquals(0, reads.calls.get(), reads.toString());
    }

    /**
     * The bound's edge: a city of ten districts has its whole year (366 days); the province of 100 its 36 days, not a
     * second more. Periods after {@link SlaSummariesTest#AS_OF}: one Query a district, nothing summarized.
     */
    @Test
    void aCityOfTenDistrictsHasItsYearAndAProvinceOfAHundredItsThirtySixDays() {
        Instant from = Instant.parse(at("2027-01-01"));
        assertEquals("gs-city3", reports().report(GANSU_ADMIN, from.toString(),
                from.plus(SlaReports.MAX_PERIOD).toString(), "district", "gs-city3").area().id());
        Instant edge = from.plus(Duration.ofDays(36));
        assertEquals("gansu", reports().report(GANSU_ADMIN, from.toString(), edge.toString(), "district", "gansu")
                .area().id());
        assertEquals(422, assertThrows(Problem.class, () -> reports().report(GANSU_ADMIN, from.toString(),
                edge.plusSeconds(1).toString(), "district", "gansu")).kind().status);
    }

    static int refused(Caller caller, String areaId) {
        return assertThrows(Problem.class, () -> reports().report(caller, FROM, TO, "district", areaId)).kind().status;
    }

    static SlaReports.Report withTotal(SlaReports.Report report, SlaSummary total) {
        return new SlaReports.Report(report.from(), report.to(), report.groupBy(), report.area(), report.asOf(),
                Map.of(), total);
    }
}
