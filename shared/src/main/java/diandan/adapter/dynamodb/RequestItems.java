package diandan.adapter.dynamodb;

import static diandan.adapter.dynamodb.Attr.s;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import diandan.domain.AreaPath;
import diandan.domain.Channel;
import diandan.domain.Clocks;
import diandan.domain.Codes;
import diandan.domain.Contact;
import diandan.domain.Hold;
import diandan.domain.HoldEnd;
import diandan.domain.HoldReason;
import diandan.domain.Rating;
import diandan.domain.RequestStatus;
import diandan.domain.ServiceRequest;
import diandan.domain.Sla;
import diandan.domain.SlaClock;
import diandan.domain.TimelineEntry;
import diandan.domain.calendar.TimeBase;
import diandan.domain.calendar.TimeBases;
import diandan.domain.menu.MenuOrder;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A request as one item, with the index keys that make each of its lists a Query.
 *
 * <p>Every change of a request rewrites the item, and in DynamoDB each copy of it (the table's and one in each
 * ALL-projected index it is in: owner, community, street, district, team) bills one write unit per started KB.
 * So the item is kept small (docs/performance.md measures it): short attribute names; nothing stored twice
 * (the id, area, team, resident and creation time are read back from the keys that carry them anyway); times
 * as epoch milliseconds; the clocks and each timeline entry as short lists, an entry's time as milliseconds
 * since the entry before (the first: since the creation) and its actor left out (NULL) when the same as the
 * one before; the fingerprint as 32 bytes.
 *
 * <pre>
 * pk REQ#id, sk REQ        listSort createdAt#id    ownerKey RES#resident   communityKey COM#c
 * streetKey STR#s          districtKey DIS#d        teamKey TEAM#t          queueKey (unrouted, wishes)
 * dueKey, dueSort (ByDue, while a clock is pending or the rating window runs; closed or cancelled, by when it
 *                  ended, until its contact data is erased)
 * st status   cat category   desc description   ch channel   cn, cp, ad contact name, phone, address
 *                                                          (cn, cp, ad and fp absent once the contact is erased)
 * pt preferred time          by submitted by (only when not the resident)   dt declined teams
 * sla [respondBy, replyBy, resolveBy, respondedAt, repliedAt, resolvedAt] (NULL while running)
 * esc escalated clocks       tl [[+ms, type, actor or NULL, note?], ...]   rt [score, outcome, at, comment?]
 * sh clocks counted in service hours (absent: all on wall time)
 * hd holds [[reason, by, from, limit, ended or NULL, ended by or NULL], ...] (absent: never held)
 * wp the warning's share in percent (absent: the default)
 * wb [respond, reply, resolve] warnings fixed in service hours (NULL for a clock on wall time; absent: none, as
 *    on items stored before they were kept, whose warnings fall at the share of wall time they were indexed by)
 * up updated at              v version                            fp fingerprint
 * </pre>
 */
public final class RequestItems {
    private static final String PREFIX = "REQ#";
    static final String STATUS = "st";
    static final String CATEGORY = "cat";
    static final String VERSION = "v";
    private static final String DESCRIPTION = "desc";
    private static final String CHANNEL = "ch";
    private static final String CONTACT_NAME = "cn";
    static final String CONTACT_PHONE = "cp";
    private static final String ADDRESS = "ad";
    private static final String PREFERRED_TIME = "pt";
    private static final String SUBMITTED_BY = "by";
    private static final String DECLINED_TEAMS = "dt";
    private static final String SLA = "sla";
    private static final String ESCALATED = "esc";
    private static final String SERVICE_HOURS = "sh";
    private static final String HOLDS = "hd";
    private static final String WARN_AT = "wp";
    private static final String WARNINGS = "wb";
    private static final String TIMELINE = "tl";
    private static final String RATING = "rt";
    private static final String UPDATED_AT = "up";
    private static final String FINGERPRINT = "fp";
    private static final String MENU_ORDER = "pj";
    static final String OWNER = "RES#";
    static final String COMMUNITY = "COM#";
    static final String STREET = "STR#";
    static final String DISTRICT = "DIS#";
    static final String TEAM = "TEAM#";
    private static final AttributeValue NULL = AttributeValue.fromNul(true);

    private RequestItems() {
    }

    public static Map<String, AttributeValue> key(String id) {
        return Map.of(Keys.PK, s(PREFIX + id), Keys.SK, s("REQ"));
    }

    public static Map<String, AttributeValue> toItem(ServiceRequest r) {
        Map<String, AttributeValue> item = new HashMap<>(key(r.id()));
        item.put(Keys.LIST_SORT, s(Attr.time(r.createdAt()) + "#" + r.id()));
        if (r.residentSub() != null) {
            item.put(Keys.OWNER_KEY, s(OWNER + r.residentSub()));
        }
        item.put(Keys.COMMUNITY_KEY, s(COMMUNITY + r.area().communityId()));
        item.put(Keys.STREET_KEY, s(STREET + r.area().streetId()));
        item.put(Keys.DISTRICT_KEY, s(DISTRICT + r.area().districtId()));
        if (r.teamId() != null) {
            item.put(Keys.TEAM_KEY, s(TEAM + r.teamId()));
        }
        switch (r.status()) {
            case UNROUTED -> item.put(Keys.QUEUE_KEY, s(Keys.UNROUTED_QUEUE));
            case OPEN_WISH -> item.put(Keys.QUEUE_KEY, s(Keys.WISH_QUEUE));
            default -> { }
        }
        r.nextDue().ifPresent(due -> {
            item.put(Keys.DUE_KEY, s(DuePartitions.of(due, r.id())));
            item.put(Keys.DUE_SORT, s(Attr.time(due) + "#" + r.id()));
        });
        r.contactKeptSince().ifPresent(ended -> {
            item.put(Keys.DUE_KEY, s(Keys.CONTACT_KEPT));
            item.put(Keys.DUE_SORT, s(Attr.time(ended) + "#" + r.id()));
        });

        item.put(STATUS, s(r.status().code()));
        item.put(CATEGORY, s(r.category()));
        item.put(DESCRIPTION, s(r.description()));
        item.put(CHANNEL, s(r.channel().code()));
        if (!r.contact().isErased()) {
            item.put(CONTACT_NAME, s(r.contact().name()));
            item.put(CONTACT_PHONE, s(r.contact().phone()));
            item.put(ADDRESS, s(r.contact().address()));
        }
        if (r.preferredTime() != null) {
            item.put(PREFERRED_TIME, millis(r.preferredTime()));
        }
        if (!r.submittedBy().equals(r.residentSub())) {
            item.put(SUBMITTED_BY, s(r.submittedBy()));
        }
        if (!r.declinedTeams().isEmpty()) {
            item.put(DECLINED_TEAMS, Attr.strings(r.declinedTeams()));
        }
        Sla sla = r.sla();
        item.put(SLA, AttributeValue.fromL(List.of(millis(sla.respondBy()), millis(sla.replyBy()), millis(sla.resolveBy()),
                millisOrNull(sla.respondedAt()), millisOrNull(sla.repliedAt()), millisOrNull(sla.resolvedAt()))));
        if (!sla.escalated().isEmpty()) {
            item.put(ESCALATED, Attr.strings(sla.escalated().stream().map(SlaClock::code).toList()));
        }
        List<String> inServiceHours = Arrays.stream(SlaClock.values())
                .filter(c -> sla.timeBases().of(c) == TimeBase.SERVICE_HOURS).map(SlaClock::code).toList();
        if (!inServiceHours.isEmpty()) {
            item.put(SERVICE_HOURS, Attr.strings(inServiceHours));
        }
        if (!sla.holds().isEmpty()) {
            item.put(HOLDS, AttributeValue.fromL(sla.holds().stream().map(h -> AttributeValue.fromL(List.of(
                    s(h.reason().code()), s(h.by()), millis(h.from()), millis(h.limit()), millisOrNull(h.endedAt()),
                    h.endedBy() == null ? NULL : s(h.endedBy().code())))).toList()));
        }
        if (sla.warnAtPercent() != Clocks.DEFAULT_WARN_AT_PERCENT) {
            item.put(WARN_AT, Attr.n(sla.warnAtPercent()));
        }
        if (!sla.warnings().isEmpty()) {
            item.put(WARNINGS, AttributeValue.fromL(Arrays.stream(SlaClock.values())
                    .map(c -> millisOrNull(sla.warnings().get(c))).toList()));
        }
        item.put(TIMELINE, timeline(r.createdAt(), r.timeline()));
        if (r.rating() != null) {
            List<AttributeValue> rating = new ArrayList<>(List.of(Attr.n(r.rating().score()), s(r.rating().outcome()),
                    millis(r.rating().at())));
            if (r.rating().comment() != null) {
                rating.add(s(r.rating().comment()));
            }
            item.put(RATING, AttributeValue.fromL(rating));
        }
        item.put(UPDATED_AT, millis(r.updatedAt()));
        item.put(VERSION, Attr.n(r.version()));
        if (r.fingerprint() != null) {
            item.put(FINGERPRINT, AttributeValue.fromB(SdkBytes.fromByteArray(HexFormat.of().parseHex(r.fingerprint()))));
        }
        if (r.menuOrder() != null) {
            item.put(MENU_ORDER, Attr.strings(List.of(r.menuOrder().projectId(), r.menuOrder().outcome().code())));
        }
        return item;
    }

    private static AttributeValue timeline(Instant createdAt, List<TimelineEntry> entries) {
        List<AttributeValue> timeline = new ArrayList<>();
        Instant before = createdAt;
        String actorBefore = null;
        for (TimelineEntry e : entries) {
            List<AttributeValue> entry = new ArrayList<>(List.of(Attr.n(e.at().toEpochMilli() - before.toEpochMilli()),
                    s(e.type()), e.actor().equals(actorBefore) ? NULL : s(e.actor())));
            if (e.note() != null) {
                entry.add(s(e.note()));
            }
            timeline.add(AttributeValue.fromL(entry));
            before = e.at();
            actorBefore = e.actor();
        }
        return AttributeValue.fromL(timeline);
    }

    private static List<TimelineEntry> timeline(Instant createdAt, AttributeValue stored) {
        List<TimelineEntry> timeline = new ArrayList<>();
        Instant before = createdAt;
        String actorBefore = null;
        for (AttributeValue e : stored.l()) {
            List<AttributeValue> entry = e.l();
            Instant at = before.plusMillis(Long.parseLong(entry.get(0).n()));
            String actor = entry.get(2).s() == null ? actorBefore : entry.get(2).s();
            timeline.add(new TimelineEntry(at, entry.get(1).s(), actor, entry.size() > 3 ? entry.get(3).s() : null));
            before = at;
            actorBefore = actor;
        }
        return timeline;
    }

    public static ServiceRequest fromItem(Map<String, AttributeValue> item) {
        String listSort = Attr.str(item, Keys.LIST_SORT); // createdAt#id
        int split = listSort.indexOf('#');
        List<AttributeValue> clocks = item.get(SLA).l();
        Set<SlaClock> escalated = EnumSet.noneOf(SlaClock.class);
        Attr.strList(item, ESCALATED).forEach(code -> escalated.add(SlaClock.valueOf(code.toUpperCase(Locale.ROOT))));
        List<String> inServiceHours = Attr.strList(item, SERVICE_HOURS);
        Sla sla = new Sla(instant(clocks.get(0)), instant(clocks.get(1)), instant(clocks.get(2)), instant(clocks.get(3)),
                instant(clocks.get(4)), instant(clocks.get(5)), escalated,
                TimeBases.from(c -> inServiceHours.contains(c.code()) ? TimeBase.SERVICE_HOURS : TimeBase.CONTINUOUS),
                holds(item), item.containsKey(WARN_AT) ? (int) Attr.num(item, WARN_AT) : Clocks.DEFAULT_WARN_AT_PERCENT,
                warnings(item));
        Instant createdAt = Instant.parse(listSort.substring(0, split));
        Rating rating = null;
        AttributeValue rated = item.get(RATING);
        if (rated != null) {
            List<AttributeValue> r = rated.l();
            rating = new Rating(Integer.parseInt(r.get(0).n()), r.get(1).s(), r.size() > 3 ? r.get(3).s() : null,
                    instant(r.get(2)));
        }
        String resident = unprefixed(item, Keys.OWNER_KEY, OWNER);
        String submittedBy = Attr.str(item, SUBMITTED_BY);
        AttributeValue fingerprint = item.get(FINGERPRINT);
        List<String> menuOrder = Attr.strList(item, MENU_ORDER);
        return new ServiceRequest(listSort.substring(split + 1), RequestStatus.fromCode(Attr.str(item, STATUS)).orElseThrow(),
                Attr.str(item, CATEGORY), Attr.str(item, DESCRIPTION), Channel.fromCode(Attr.str(item, CHANNEL)).orElseThrow(),
                new AreaPath(unprefixed(item, Keys.COMMUNITY_KEY, COMMUNITY), unprefixed(item, Keys.STREET_KEY, STREET),
                        unprefixed(item, Keys.DISTRICT_KEY, DISTRICT)),
                new Contact(Attr.str(item, CONTACT_NAME), Attr.str(item, CONTACT_PHONE), Attr.str(item, ADDRESS)),
                instant(item.get(PREFERRED_TIME)), resident, submittedBy == null ? resident : submittedBy,
                unprefixed(item, Keys.TEAM_KEY, TEAM), Attr.strList(item, DECLINED_TEAMS), sla,
                timeline(createdAt, item.get(TIMELINE)), rating, createdAt, instant(item.get(UPDATED_AT)),
                Attr.num(item, VERSION), fingerprint == null ? null : HexFormat.of().formatHex(fingerprint.b().asByteArray()),
                menuOrder.isEmpty() ? null : new MenuOrder(menuOrder.get(0),
                        Codes.parse(MenuOrder.Outcome.class, menuOrder.get(1)).orElseThrow()));
    }

    private static String unprefixed(Map<String, AttributeValue> item, String name, String prefix) {
        String value = Attr.str(item, name);
        return value == null ? null : value.substring(prefix.length());
    }

    private static List<Hold> holds(Map<String, AttributeValue> item) {
        AttributeValue stored = item.get(HOLDS);
        if (stored == null) {
            return List.of();
        }
        return stored.l().stream().map(AttributeValue::l).map(h -> new Hold(
                HoldReason.fromCode(h.get(0).s()).orElseThrow(), h.get(1).s(), instant(h.get(2)), instant(h.get(3)),
                instant(h.get(4)), h.get(5).s() == null ? null : Codes.parse(HoldEnd.class, h.get(5).s()).orElseThrow()))
                .toList();
    }

    private static AttributeValue millis(Instant at) {
        return Attr.n(at.toEpochMilli());
    }

    private static Map<SlaClock, Instant> warnings(Map<String, AttributeValue> item) {
        Map<SlaClock, Instant> warnings = new EnumMap<>(SlaClock.class);
        if (item.containsKey(WARNINGS)) {
            List<AttributeValue> stored = item.get(WARNINGS).l();
            for (SlaClock clock : SlaClock.values()) {
                Instant at = instant(stored.get(clock.ordinal()));
                if (at != null) {
                    warnings.put(clock, at);
                }
            }
        }
        return warnings;
    }

    private static AttributeValue millisOrNull(Instant at) {
        return at == null ? NULL : millis(at);
    }

    private static Instant instant(AttributeValue millis) {
        return millis == null || millis.n() == null ? null : Instant.ofEpochMilli(Long.parseLong(millis.n()));
    }
}
