package diandan.adapter.http;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import diandan.adapter.dynamodb.Attr;
import diandan.adapter.json.Json;
import diandan.app.registry.TeamState;
import diandan.app.registry.VolunteerState;
import diandan.domain.Access;
import diandan.domain.Area;
import diandan.domain.Caller;
import diandan.domain.Category;
import diandan.domain.SlaClock;
import diandan.domain.Clocks;
import diandan.domain.Contact;
import diandan.domain.Hold;
import diandan.domain.PhoneNumbers;
import diandan.domain.ServiceRequest;
import diandan.domain.notify.Delivery;
import diandan.domain.Sla;
import diandan.domain.Team;
import diandan.domain.Volunteer;
import diandan.port.Page;

/** The API's JSON shapes (docs/api.md). Fields may be added here, never renamed. */
public final class Views {
    private Views() {
    }

    /** A request as its caller may see it: contact details whole (as {@link Access#seesContact} decides) or masked. */
    public static ObjectNode request(ServiceRequest r, boolean contactWhole) {
        return request(r, contactWhole, List.of());
    }

    /** A request with its deliveries in its timeline ({@link Delivery#timeline}): a request read by its id. */
    public static ObjectNode request(ServiceRequest r, boolean contactWhole, List<Delivery> deliveries) {
        ObjectNode json = summary(r);
        json.put("streetId", r.area().streetId());
        json.put("districtId", r.area().districtId());
        json.put("channel", r.channel().code());
        Contact contact = contactWhole ? r.contact() : r.contact().masked();
        json.put("contactName", contact.name());
        json.put("contactPhone", contact.phone());
        json.put("address", contact.address());
        time(json, "preferredTime", r.preferredTime());
        if (r.teamId() != null) {
            json.put("teamId", r.teamId());
        }
        json.set("sla", sla(r.sla()));
        ArrayNode timeline = json.putArray("timeline");
        Delivery.timeline(r.timeline(), deliveries).forEach(e -> {
            ObjectNode entry = timeline.addObject();
            time(entry, "at", e.at());
            entry.put("type", e.type());
            entry.put("actor", e.actor());
            if (e.note() != null) {
                entry.put("note", e.note());
            }
        });
        if (r.rating() != null) {
            ObjectNode rating = json.putObject("rating");
            rating.put("score", r.rating().score());
            rating.put("outcome", r.rating().outcome());
            if (r.rating().comment() != null) {
                rating.put("comment", r.rating().comment());
            }
            time(rating, "at", r.rating().at());
        }
        if (r.menuOrder() != null) {
            ObjectNode project = json.putObject("project");
            project.put("id", r.menuOrder().projectId());
            project.put("outcome", r.menuOrder().outcome().code());
        }
        time(json, "createdAt", r.createdAt());
        time(json, "updatedAt", r.updatedAt());
        json.put("version", r.version());
        return json;
    }

    /** A wish as the public wall shows it: no contact data, no resident. */
    public static ObjectNode wish(ServiceRequest r) {
        ObjectNode json = summary(r);
        time(json, "createdAt", r.createdAt());
        time(json, "respondBy", r.sla().respondBy());
        json.put("version", r.version());
        return json;
    }

    /** What anyone may see of a request: what is asked, where, and how far it is. */
    private static ObjectNode summary(ServiceRequest r) {
        ObjectNode json = Json.object();
        json.put("id", r.id());
        json.put("status", r.status().code());
        json.put("category", r.category());
        json.put("description", r.description());
        json.put("communityId", r.area().communityId());
        return json;
    }

    public static ObjectNode sla(Sla sla) {
        ObjectNode json = Json.object();
        time(json, "respondBy", sla.respondBy());
        time(json, "replyBy", sla.replyBy());
        time(json, "resolveBy", sla.resolveBy());
        time(json, "respondedAt", sla.respondedAt());
        time(json, "repliedAt", sla.repliedAt());
        time(json, "resolvedAt", sla.resolvedAt());
        json.put("escalationLevel", sla.escalationLevel());
        json.put("onHold", sla.openHold().isPresent());
        if (!sla.holds().isEmpty()) {
            ArrayNode holds = json.putArray("holds");
            for (Hold hold : sla.holds()) {
                ObjectNode h = holds.addObject();
                h.put("reason", hold.reason().code());
                h.put("by", hold.by());
                time(h, "from", hold.from());
                time(h, "limit", hold.limit());
                time(h, "endedAt", hold.endedAt());
                if (hold.endedBy() != null) {
                    h.put("endedBy", hold.endedBy().code());
                }
            }
        }
        return json;
    }

    public static ObjectNode area(Area area) {
        ObjectNode json = Json.object();
        json.put("id", area.id());
        json.put("name", area.name());
        json.put("type", area.type().code());
        if (area.parentId() == null) {
            json.putNull("parentId");
        } else {
            json.put("parentId", area.parentId());
        }
        return json;
    }

    public static ObjectNode category(Category category) {
        ObjectNode json = Json.object();
        json.put("code", category.code());
        json.put("name", category.name());
        json.put("builtIn", category.builtIn());
        json.set("clocks", clocks(category.clocks()));
        return json;
    }

    /** A category's or a channel's clocks: each one's minutes and time base, and the warning's share. */
    public static ObjectNode clocks(Clocks clocks) {
        ObjectNode json = Json.object();
        for (SlaClock clock : SlaClock.values()) {
            json.put(clock.code() + "Minutes", clocks.of(clock).toMinutes());
        }
        for (SlaClock clock : SlaClock.values()) {
            json.put(clock.code() + "TimeBase", clocks.timeBases().of(clock).code());
        }
        json.put("warnAtPercent", clocks.warnAtPercent());
        return json;
    }

    /** A team with its current load. */
    public static ObjectNode team(TeamState state) {
        Team team = state.team();
        ObjectNode json = Json.object();
        json.put("id", team.id());
        json.put("name", team.name());
        team.categories().forEach(json.putArray("categories")::add);
        team.areaIds().forEach(json.putArray("areaIds")::add);
        json.put("capacity", team.capacity());
        json.put("openCount", state.load().openCount());
        team.leaders().forEach(json.putArray("leaders")::add);
        team.members().forEach(json.putArray("members")::add);
        json.put("active", team.active());
        time(json, "lastDispatchedAt", state.load().lastDispatchedAt());
        json.put("version", team.version());
        return json;
    }

    /** A volunteer as its caller may see them: the phone whole (as {@link Access#seesVolunteerPhone} decides) or masked. */
    /**
     * @param identityNumber the identity document's number as the caller may see it (whole or masked); the
     *                       record fields appear only when the volunteer was registered with them
     */
    public static ObjectNode volunteer(VolunteerState state, boolean phoneWhole, String identityNumber) {
        Volunteer volunteer = state.volunteer();
        ObjectNode json = Json.object();
        json.put("id", volunteer.id());
        json.put("name", volunteer.name());
        json.put("phone", phoneWhole ? volunteer.phone() : PhoneNumbers.mask(volunteer.phone()));
        state.teamIds().forEach(json.putArray("teamIds")::add);
        if (volunteer.volunteerNumber() != null) {
            json.put("volunteerNumber", volunteer.volunteerNumber());
        }
        if (volunteer.identity() != null) {
            ObjectNode identity = json.putObject("identity");
            identity.put("type", volunteer.identity().type().code());
            identity.put("number", identityNumber);
        }
        json.put("version", volunteer.version());
        return json;
    }

    /** {@code {items, nextCursor}}: the shape of every list. */
    public static <T> ObjectNode page(Page<T> page, Function<T, ObjectNode> view) {
        ObjectNode json = Json.object();
        ArrayNode items = json.putArray("items");
        page.items().forEach(item -> items.add(view.apply(item)));
        if (page.nextCursor() == null) {
            json.putNull("nextCursor");
        } else {
            json.put("nextCursor", page.nextCursor());
        }
        return json;
    }

    /** Times as ISO-8601 UTC with milliseconds; absent times are left out. */
    public static void time(ObjectNode json, String field, Instant value) {
        if (value != null) {
            json.put(field, Attr.time(value));
        }
    }
}
