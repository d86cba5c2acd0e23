package diandan.adapter.dynamodb;

import static diandan.adapter.dynamodb.Attr.instant;
import static diandan.adapter.dynamodb.Attr.n;
import static diandan.adapter.dynamodb.Attr.num;
import static diandan.adapter.dynamodb.Attr.putIf;
import static diandan.adapter.dynamodb.Attr.s;
import static diandan.adapter.dynamodb.Attr.str;
import static diandan.adapter.dynamodb.Attr.t;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import diandan.domain.AreaPath;
import diandan.domain.Channel;
import diandan.domain.Clock;
import diandan.domain.Contact;
import diandan.domain.Rating;
import diandan.domain.RequestStatus;
import diandan.domain.ServiceRequest;
import diandan.domain.Sla;
import diandan.domain.TimelineEntry;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A request as one item, with the index keys that make each of its lists a Query. */
public final class RequestItems {
    private RequestItems() {
    }

    public static Map<String, AttributeValue> key(String id) {
        return Map.of(Keys.PK, s("REQ#" + id), Keys.SK, s("REQ"));
    }

    public static Map<String, AttributeValue> toItem(ServiceRequest r) {
        Map<String, AttributeValue> item = new HashMap<>(key(r.id()));
        item.put("type", s("request"));
        item.put("id", s(r.id()));
        item.put("status", s(r.status().code()));
        item.put("category", s(r.category()));
        item.put("description", s(r.description()));
        item.put("channel", s(r.channel().code()));
        item.put("communityId", s(r.area().communityId()));
        item.put("streetId", s(r.area().streetId()));
        item.put("districtId", s(r.area().districtId()));
        item.put("contactName", s(r.contact().name()));
        item.put("contactPhone", s(r.contact().phone()));
        item.put("address", s(r.contact().address()));
        putIf(item, "preferredTime", r.preferredTime());
        putIf(item, "residentSub", r.residentSub());
        item.put("submittedBy", s(r.submittedBy()));
        putIf(item, "teamId", r.teamId());
        if (!r.declinedTeams().isEmpty()) {
            item.put("declinedTeams", Attr.strings(r.declinedTeams()));
        }
        Sla sla = r.sla();
        item.put("respondBy", t(sla.respondBy()));
        item.put("replyBy", t(sla.replyBy()));
        item.put("resolveBy", t(sla.resolveBy()));
        putIf(item, "respondedAt", sla.respondedAt());
        putIf(item, "repliedAt", sla.repliedAt());
        putIf(item, "resolvedAt", sla.resolvedAt());
        if (!sla.escalated().isEmpty()) {
            item.put("escalated", Attr.strings(sla.escalated().stream().map(Clock::code).toList()));
        }
        item.put("escalationLevel", n(sla.escalationLevel()));
        item.put("timeline", AttributeValue.fromL(r.timeline().stream().map(RequestItems::entry).toList()));
        if (r.rating() != null) {
            Map<String, AttributeValue> rating = new HashMap<>();
            rating.put("score", n(r.rating().score()));
            rating.put("outcome", s(r.rating().outcome()));
            putIf(rating, "comment", r.rating().comment());
            rating.put("at", t(r.rating().at()));
            item.put("rating", AttributeValue.fromM(rating));
        }
        item.put("createdAt", t(r.createdAt()));
        item.put("updatedAt", t(r.updatedAt()));
        item.put("version", n(r.version()));
        putIf(item, "fingerprint", r.fingerprint());

        String listSort = Attr.time(r.createdAt()) + "#" + r.id();
        item.put(Keys.LIST_SORT, s(listSort));
        putIf(item, Keys.OWNER_KEY, r.residentSub() == null ? null : "RES#" + r.residentSub());
        item.put(Keys.COMMUNITY_KEY, s("COM#" + r.area().communityId()));
        item.put(Keys.STREET_KEY, s("STR#" + r.area().streetId()));
        item.put(Keys.DISTRICT_KEY, s("DIS#" + r.area().districtId()));
        putIf(item, Keys.TEAM_KEY, r.teamId() == null ? null : "TEAM#" + r.teamId());
        putIf(item, Keys.QUEUE_KEY, switch (r.status()) {
            case UNROUTED -> Keys.UNROUTED_QUEUE;
            case OPEN_WISH -> Keys.WISH_QUEUE;
            default -> null;
        });
        r.nextDue().ifPresent(due -> {
            item.put(Keys.DUE_KEY, s(Keys.dueBucket(due, r.id())));
            item.put(Keys.DUE_SORT, s(Attr.time(due) + "#" + r.id()));
        });
        return item;
    }

    private static AttributeValue entry(TimelineEntry e) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put("at", t(e.at()));
        m.put("type", s(e.type()));
        m.put("actor", s(e.actor()));
        putIf(m, "note", e.note());
        return AttributeValue.fromM(m);
    }

    public static ServiceRequest fromItem(Map<String, AttributeValue> item) {
        Set<Clock> escalated = EnumSet.noneOf(Clock.class);
        Attr.strList(item, "escalated").forEach(code -> escalated.add(Clock.valueOf(code.toUpperCase(java.util.Locale.ROOT))));
        Sla sla = new Sla(instant(item, "respondBy"), instant(item, "replyBy"), instant(item, "resolveBy"),
                instant(item, "respondedAt"), instant(item, "repliedAt"), instant(item, "resolvedAt"), escalated);
        List<TimelineEntry> timeline = new ArrayList<>();
        AttributeValue entries = item.get("timeline");
        if (entries != null && entries.hasL()) {
            for (AttributeValue e : entries.l()) {
                Map<String, AttributeValue> m = e.m();
                timeline.add(new TimelineEntry(instant(m, "at"), str(m, "type"), str(m, "actor"), str(m, "note")));
            }
        }
        Rating rating = null;
        AttributeValue r = item.get("rating");
        if (r != null && r.hasM()) {
            Map<String, AttributeValue> m = r.m();
            rating = new Rating((int) num(m, "score"), str(m, "outcome"), str(m, "comment"), instant(m, "at"));
        }
        return new ServiceRequest(str(item, "id"), RequestStatus.fromCode(str(item, "status")).orElseThrow(),
                str(item, "category"), str(item, "description"), Channel.fromCode(str(item, "channel")).orElseThrow(),
                new AreaPath(str(item, "communityId"), str(item, "streetId"), str(item, "districtId")),
                new Contact(str(item, "contactName"), str(item, "contactPhone"), str(item, "address")),
                instant(item, "preferredTime"), str(item, "residentSub"), str(item, "submittedBy"), str(item, "teamId"),
                Attr.strList(item, "declinedTeams"), sla, timeline, rating, instant(item, "createdAt"),
                instant(item, "updatedAt"), num(item, "version"), str(item, "fingerprint"));
    }

    static Instant createdAt(Map<String, AttributeValue> item) {
        return instant(item, "createdAt");
    }
}
