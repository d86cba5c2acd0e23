package diandan.escalation;

import java.util.Map;
import java.util.OptionalDouble;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import diandan.adapter.http.Views;
import diandan.adapter.json.Json;
import diandan.app.escalation.DeadlinesAhead;
import diandan.app.escalation.SlaReports;
import diandan.domain.Alert;
import diandan.domain.Channel;
import diandan.domain.ClockPolicy;
import diandan.domain.Clocks;
import diandan.domain.Codes;
import diandan.domain.SlaClock;
import diandan.domain.SlaSummary;
import diandan.domain.calendar.AreaCalendar;
import diandan.domain.calendar.ServiceCalendar;

/** The JSON shapes of the escalation routes: alert, deadlines ahead, SLA report, clock policy, service calendar. */
final class EscalationViews {
    private EscalationViews() {
    }

    static ObjectNode alert(Alert alert) {
        ObjectNode json = Json.object();
        json.put("id", alert.id());
        json.put("requestId", alert.requestId());
        json.put("level", alert.level());
        json.put("areaId", alert.areaId());
        Views.time(json, "at", alert.at());
        json.put("acknowledged", alert.acknowledged());
        json.put("reason", alert.reason());
        return json;
    }

    /** Ids and codes only: which request, where, with whom, which clock and when it falls due. */
    static ObjectNode deadlines(DeadlinesAhead.Listing listing) {
        ObjectNode json = Json.object();
        json.put("areaId", listing.area().id());
        Views.time(json, "asOf", listing.at());
        json.put("within", listing.within());
        ArrayNode items = json.putArray("items");
        for (DeadlinesAhead.Item item : listing.items()) {
            ObjectNode one = items.addObject();
            one.put("requestId", item.request().id());
            one.put("status", item.request().status().code());
            one.put("category", item.request().category());
            one.put("communityId", item.request().area().communityId());
            one.put("teamId", item.request().teamId());
            one.put("clock", item.clock().code());
            Views.time(one, "deadline", item.deadline());
            one.put("minutesLeft", item.minutesLeft());
        }
        return json;
    }

    static ObjectNode report(SlaReports.Report report) {
        ObjectNode json = Json.object();
        json.put("areaId", report.area().id());
        Views.time(json, "from", report.from());
        Views.time(json, "to", report.to());
        json.put("groupBy", report.groupBy().code());
        Views.time(json, "asOf", report.asOf());
        ArrayNode groups = json.putArray("groups");
        for (Map.Entry<String, SlaSummary> group : report.groups().entrySet()) {
            groups.addObject().put("key", group.getKey()).setAll(summary(group.getValue()));
        }
        json.set("total", summary(report.total()));
        return json;
    }

    /** Per promise: how many requests could be judged, how many kept it, the share, the median minutes taken. */
    private static ObjectNode summary(SlaSummary summary) {
        ObjectNode json = Json.object();
        json.put("requests", summary.requests());
        for (SlaClock clock : SlaClock.values()) {
            ObjectNode promise = json.putObject(clock.code());
            promise.put("judged", summary.judged(clock));
            promise.put("met", summary.met(clock));
            number(promise, "shareMet", summary.shareMet(clock), 10_000);
            number(promise, "medianMinutes", summary.medianMinutes(clock), 100);
        }
        ObjectNode held = json.putObject("held");
        held.put("requests", summary.held());
        held.put("minutes", summary.heldFor().toMinutes());
        return json;
    }

    private static void number(ObjectNode json, String field, OptionalDouble value, int scale) {
        if (value.isPresent()) {
            json.put(field, Math.round(value.getAsDouble() * scale) / (double) scale);
        } else {
            json.putNull(field);
        }
    }

    static ObjectNode clockPolicy(ClockPolicy policy) {
        ObjectNode json = Json.object();
        json.set("deskPromise", Views.clocks(Clocks.DESK_PROMISE));
        ObjectNode channels = json.putObject("channels");
        for (Channel channel : Channel.values()) {
            Clocks clocks = policy.channelOverrides().get(channel);
            if (clocks != null) {
                channels.set(channel.code(), Views.clocks(clocks));
            }
        }
        return json;
    }

    /** The calendar in force for {@code areaId}: where it is set ({@code definedAt}) and whether it is inherited. */
    static ObjectNode calendar(String areaId, AreaCalendar inForce) {
        ServiceCalendar calendar = inForce.calendar();
        ObjectNode json = Json.object();
        json.put("areaId", areaId);
        json.put("definedAt", inForce.definedAt());
        json.put("inherited", inForce.inheritedBy(areaId));
        json.put("zone", calendar.zone().getId());
        ObjectNode weekly = json.putObject("weekly");
        calendar.weekly().forEach((day, spans) -> {
            ArrayNode list = weekly.putArray(Codes.of(day));
            spans.forEach(span -> list.add(span.toString()));
        });
        ArrayNode holidays = json.putArray("holidays");
        calendar.holidays().forEach(d -> holidays.add(d.toString()));
        ArrayNode makeUp = json.putArray("makeUpWorkdays");
        calendar.makeUpWorkdays().forEach(d -> makeUp.add(d.toString()));
        return json;
    }
}
