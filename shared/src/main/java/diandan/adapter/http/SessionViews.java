package diandan.adapter.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import diandan.adapter.json.Json;
import diandan.app.sessions.CheckIns;
import diandan.app.sessions.SessionAttendance;
import diandan.app.sessions.SessionCertification;
import diandan.app.sessions.SessionService;
import diandan.domain.sessions.Attendance;
import diandan.domain.sessions.Session;
import diandan.domain.sessions.SignUp;

/**
 * The API's JSON shapes for sessions (docs/api.md: session, sign-up, attendance). A session's secret is never
 * shown; its roster's names only to those who run it. Fields may be added, never renamed.
 */
public final class SessionViews {
    private SessionViews() {
    }

    public static ObjectNode session(Session s) {
        ObjectNode json = Json.object();
        json.put("id", s.id());
        json.put("activityId", s.activityId());
        json.put("teamId", s.teamId());
        json.put("title", s.title());
        json.put("category", s.category());
        json.put("communityId", s.area().communityId());
        json.put("streetId", s.area().streetId());
        json.put("districtId", s.area().districtId());
        Views.time(json, "start", s.start());
        Views.time(json, "end", s.end());
        ObjectNode place = json.putObject("place");
        place.put("address", s.place().address());
        if (s.place().hasPoint()) {
            place.put("latitude", s.place().latitude());
            place.put("longitude", s.place().longitude());
            place.put("radiusMetres", s.place().radiusMetres());
        }
        json.put("quota", s.quota());
        json.put("confirmationRequired", s.confirmationRequired());
        if (s.confirmationRequired()) {
            Views.time(json, "confirmBy", s.confirmBy());
        }
        Views.time(json, "checkInOpensAt", s.opensAt());
        Views.time(json, "checkOutClosesAt", s.closesAt());
        json.put("createdBy", s.createdBy());
        Views.time(json, "createdAt", s.createdAt());
        return json;
    }

    /** A session with its roster's counts, the names for those who run it, and the caller's own standing. */
    public static ObjectNode session(SessionService.View view, String volunteerId) {
        ObjectNode json = session(view.session());
        json.put("signedUp", view.roster().members().size());
        json.put("waitlisted", view.roster().waitlist().size());
        if (view.runs()) {
            view.roster().members().forEach(json.putArray("members")::add);
            view.roster().waitlist().forEach(json.putArray("waitlist")::add);
            view.roster().confirmed().stream().sorted().forEach(json.putArray("confirmed")::add);
        }
        if (volunteerId != null) {
            json.set("you", signUp(view.roster().standing(volunteerId)));
        }
        return json;
    }

    public static ObjectNode signUp(SignUp s) {
        ObjectNode json = Json.object();
        json.put("volunteerId", s.volunteerId());
        json.put("state", s.state().code());
        if (s.position() != null) {
            json.put("position", s.position());
        }
        json.put("confirmed", s.confirmed());
        return json;
    }

    public static ObjectNode code(CheckIns.Code c) {
        ObjectNode json = Json.object();
        json.put("sessionId", c.sessionId());
        json.put("code", c.code());
        Views.time(json, "validUntil", c.validUntil());
        return json;
    }

    public static ObjectNode presence(CheckIns.Presence p) {
        Attendance a = p.attendance();
        ObjectNode json = Json.object();
        json.put("sessionId", a.sessionId());
        json.put("volunteerId", a.volunteerId());
        Views.time(json, "checkedInAt", a.checkedInAt());
        Views.time(json, "checkedOutAt", a.checkedOutAt());
        json.put("autoClosed", a.autoClosed());
        if (p.record() != null) {
            json.set("record", HoursViews.record(p.record()));
        }
        return json;
    }

    public static ObjectNode sweep(CheckIns.Sweep s) {
        ObjectNode json = Json.object();
        json.put("sessionsClosed", s.sessionsClosed());
        json.put("autoCheckedOut", s.autoCheckedOut());
        json.put("recordsDrafted", s.recordsDrafted());
        json.put("recordsRefused", s.recordsRefused());
        return json;
    }

    /** Each line: the standing, the attendance once checked in, and the drafted record's id and state. */
    public static ObjectNode attendance(SessionAttendance.Sheet sheet) {
        ObjectNode json = Json.object();
        json.put("sessionId", sheet.session().id());
        ArrayNode items = json.putArray("items");
        for (SessionAttendance.Line line : sheet.lines()) {
            ObjectNode item = items.addObject();
            item.put("volunteerId", line.signUp().volunteerId());
            item.put("state", line.signUp().state().code());
            if (line.signUp().position() != null) {
                item.put("position", line.signUp().position());
            }
            item.put("confirmed", line.signUp().confirmed());
            Attendance a = line.attendance();
            if (a != null) {
                Views.time(item, "checkedInAt", a.checkedInAt());
                Views.time(item, "checkedOutAt", a.checkedOutAt());
                item.put("autoClosed", a.autoClosed());
            }
            if (line.record() != null) {
                item.put("recordId", line.record().id());
                item.put("recordStatus", line.record().status().code());
            }
        }
        return json;
    }

    public static ObjectNode certification(SessionCertification.Outcome o) {
        ObjectNode json = Json.object();
        json.put("sessionId", o.sessionId());
        o.certified().forEach(json.putArray("certified")::add);
        o.alreadyCertified().forEach(json.putArray("alreadyCertified")::add);
        o.excluded().forEach(json.putArray("excluded")::add);
        ArrayNode refused = json.putArray("refused");
        for (SessionCertification.Refusal r : o.refused()) {
            ObjectNode item = refused.addObject();
            item.put("volunteerId", r.volunteerId());
            if (r.recordId() != null) {
                item.put("recordId", r.recordId());
            }
            item.put("status", r.status());
            item.put("detail", r.detail());
        }
        return json;
    }
}
