package diandan.adapter.dynamodb;

import static diandan.adapter.dynamodb.Attr.instant;
import static diandan.adapter.dynamodb.Attr.n;
import static diandan.adapter.dynamodb.Attr.num;
import static diandan.adapter.dynamodb.Attr.putIf;
import static diandan.adapter.dynamodb.Attr.s;
import static diandan.adapter.dynamodb.Attr.str;
import static diandan.adapter.dynamodb.Attr.t;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import diandan.domain.AreaPath;
import diandan.domain.hours.Capture;
import diandan.domain.hours.Contribution;
import diandan.domain.hours.Dispute;
import diandan.domain.hours.HalfHours;
import diandan.domain.hours.HoursRecord;
import diandan.domain.hours.QueuedRecord;
import diandan.domain.hours.RecordStatus;
import diandan.domain.hours.Source;
import diandan.domain.hours.SourceType;
import diandan.domain.hours.TallyFacts;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An hours record as one item, with the index keys that make its lists Queries: the volunteer's (ByOwner), the
 * team's (ByTeam) and the areas' (ByCommunity/ByStreet/ByDistrict), each sorted by {@code listSort =
 * date#id}. What the rollup owes it and has added for it is on its tally item ({@link RecordTallyItems}); records
 * marked before that item existed hold {@code appliedHours}, {@code appliedRecords} and {@code appliedBatch} here.
 */
public final class HoursItems {
    /** The rollup's queue: records certified or superseded since the tallies last counted them. */
    public static final String ROLLUP_QUEUE = "QUEUE#hours_untallied";
    static final String PARTITION_PREFIX = "HOURS#";
    static final String VOLUNTEER_PREFIX = "VOL#";

    private HoursItems() {
    }

    public static Map<String, AttributeValue> key(String id) {
        return Map.of(Keys.PK, s("HREC#" + id), Keys.SK, s("HREC"));
    }

    public static Map<String, AttributeValue> toItem(HoursRecord r) {
        Map<String, AttributeValue> item = new HashMap<>(key(r.id()));
        item.put("type", s("hours_record"));
        item.put("id", s(r.id()));
        item.put("rootId", s(r.rootId()));
        item.put("volunteerId", s(r.volunteerId()));
        item.put("teamId", s(r.teamId()));
        item.put("teamName", s(r.teamName()));
        item.put("sourceType", s(r.source().type().code()));
        item.put("sourceId", s(r.source().id()));
        item.put("content", s(r.content()));
        item.put("category", s(r.category()));
        item.put("communityId", s(r.area().communityId()));
        item.put("streetId", s(r.area().streetId()));
        item.put("districtId", s(r.area().districtId()));
        item.put("hours", hours(r.halfHours()));
        item.put("date", s(r.date().toString()));
        putIf(item, "role", r.role());
        putIf(item, "note", r.note());
        item.put("status", s(r.status().code()));
        putIf(item, "correctsId", r.correctsId());
        if (!r.supersedes().isEmpty()) {
            item.put("supersedes", Attr.strings(r.supersedes()));
        }
        putIf(item, "correctionReason", r.correctionReason());
        if (!r.disputes().isEmpty()) {
            item.put("disputes", AttributeValue.fromL(r.disputes().stream().map(HoursItems::dispute).toList()));
        }
        item.put("recordedBy", s(r.recordedBy()));
        item.put("recordedAt", t(r.recordedAt()));
        putIf(item, "certifiedBy", r.certifiedBy());
        putIf(item, "certifiedAt", r.certifiedAt());
        putIf(item, "supersededBy", r.supersededBy());
        putIf(item, "requestKey", r.requestKey());
        putIf(item, "bodyHash", r.bodyHash());
        item.put("version", n(r.version()));
        item.put("capture", s(r.capture().code()));

        item.put(Keys.LIST_SORT, s(listSort(r)));
        item.put(Keys.OWNER_KEY, s(VOLUNTEER_PREFIX + r.volunteerId()));
        item.put(Keys.TEAM_KEY, s(PARTITION_PREFIX + r.teamId()));
        item.put(Keys.COMMUNITY_KEY, s(PARTITION_PREFIX + r.area().communityId()));
        item.put(Keys.STREET_KEY, s(PARTITION_PREFIX + r.area().streetId()));
        item.put(Keys.DISTRICT_KEY, s(PARTITION_PREFIX + r.area().districtId()));
        return item;
    }

    /** Where the record sorts on its list indexes and on the rollup's queue: by service date. */
    static String listSort(HoursRecord r) {
        return r.date() + "#" + r.id();
    }

    static AttributeValue dispute(Dispute d) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put("reason", s(d.reason()));
        m.put("by", s(d.by()));
        m.put("at", t(d.at()));
        return AttributeValue.fromM(m);
    }

    /** Hours as an exact decimal number (2.5), which the table adds without rounding. */
    static AttributeValue hours(long halfHours) {
        return AttributeValue.fromN(HalfHours.toHours(halfHours).toPlainString());
    }

    static long halfHours(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? 0 : HalfHours.fromHours(new BigDecimal(value.n()));
    }

    public static HoursRecord fromItem(Map<String, AttributeValue> item) {
        List<Dispute> disputes = new ArrayList<>();
        AttributeValue list = item.get("disputes");
        if (list != null && list.hasL()) {
            for (AttributeValue d : list.l()) {
                disputes.add(new Dispute(str(d.m(), "reason"), str(d.m(), "by"), instant(d.m(), "at")));
            }
        }
        return new HoursRecord(str(item, "id"), str(item, "rootId"), str(item, "volunteerId"), str(item, "teamId"),
                str(item, "teamName"), new Source(SourceType.fromCode(str(item, "sourceType")).orElseThrow(),
                str(item, "sourceId")), str(item, "content"), str(item, "category"), area(item),
                (int) halfHours(item, "hours"), LocalDate.parse(str(item, "date")), str(item, "role"), str(item, "note"),
                status(item), str(item, "correctsId"), Attr.strList(item, "supersedes"),
                str(item, "correctionReason"), disputes, str(item, "recordedBy"), instant(item, "recordedAt"),
                str(item, "certifiedBy"), instant(item, "certifiedAt"), str(item, "supersededBy"),
                str(item, "requestKey"), str(item, "bodyHash"), num(item, "version"),
                Capture.stored(str(item, "capture")));
    }

    /**
     * The rollup's view of a record item: status, hours, tally facts, version, and what it has contributed so far:
     * as its tally item says, or the record's own item while the tally item never held it.
     */
    static QueuedRecord queued(Map<String, AttributeValue> item, Map<String, AttributeValue> tally) {
        Map<String, AttributeValue> applied = tally != null && tally.containsKey(RecordTallyItems.APPLIED_BATCH)
                ? tally : item;
        return new QueuedRecord(str(item, "id"), facts(item), status(item), (int) halfHours(item, "hours"),
                Capture.stored(str(item, "capture")), Attr.strList(item, "supersedes"),
                new Contribution(halfHours(applied, "appliedHours"), num(applied, "appliedRecords"),
                        halfHours(applied, "appliedCheckInHours")), num(item, "version"));
    }

    static TallyFacts facts(Map<String, AttributeValue> item) {
        return new TallyFacts(str(item, "volunteerId"), str(item, "teamId"), area(item), str(item, "category"),
                LocalDate.parse(str(item, "date")));
    }

    static AreaPath area(Map<String, AttributeValue> item) {
        return new AreaPath(str(item, "communityId"), str(item, "streetId"), str(item, "districtId"));
    }

    static RecordStatus status(Map<String, AttributeValue> item) {
        return RecordStatus.fromCode(str(item, "status")).orElseThrow();
    }
}
