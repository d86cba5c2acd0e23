package diandan.adapter.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import diandan.adapter.json.Json;
import diandan.app.hours.HoursRollup;
import diandan.app.hours.VolunteerHours;
import diandan.app.hours.TallyService;
import diandan.domain.hours.Activity;
import diandan.domain.hours.Capture;
import diandan.domain.hours.Certificate;
import diandan.domain.records.CertificateIssuer;
import diandan.domain.records.VolunteerRecord;
import diandan.domain.hours.HalfHours;
import diandan.domain.hours.HoursRecord;
import diandan.domain.hours.Tally;
import diandan.domain.points.PointsRule;
import diandan.domain.stars.StarLevels;

/** The API's JSON shapes for hours (docs/api.md: record, tally). Fields may be added, never renamed. */
public final class HoursViews {
    private HoursViews() {
    }

    public static ObjectNode record(HoursRecord r) {
        ObjectNode json = Json.object();
        json.put("id", r.id());
        json.put("volunteerId", r.volunteerId());
        json.put("teamId", r.teamId());
        json.put("teamName", r.teamName());
        ObjectNode source = json.putObject("source");
        source.put("type", r.source().type().code());
        source.put("id", r.source().id());
        json.put("hours", HalfHours.toHours(r.halfHours()));
        json.put("date", r.date().toString());
        json.put("status", r.status().code());
        json.put("content", r.content());
        json.put("category", r.category());
        json.put("communityId", r.area().communityId());
        json.put("streetId", r.area().streetId());
        json.put("districtId", r.area().districtId());
        putIf(json, "role", r.role());
        putIf(json, "note", r.note());
        putIf(json, "correctsId", r.correctsId());
        putIf(json, "correctionReason", r.correctionReason());
        putIf(json, "supersededBy", r.supersededBy());
        json.put("disputed", !r.disputes().isEmpty());
        ArrayNode disputes = json.putArray("disputes");
        r.disputes().forEach(d -> {
            ObjectNode dispute = disputes.addObject();
            dispute.put("reason", d.reason());
            dispute.put("by", d.by());
            Views.time(dispute, "at", d.at());
        });
        json.put("recordedBy", r.recordedBy());
        Views.time(json, "recordedAt", r.recordedAt());
        putIf(json, "certifiedBy", r.certifiedBy());
        Views.time(json, "certifiedAt", r.certifiedAt());
        json.put("version", r.version());
        json.put("capture", r.capture().code());
        return json;
    }

    public static ObjectNode activity(Activity a) {
        ObjectNode json = Json.object();
        json.put("id", a.id());
        json.put("teamId", a.teamId());
        json.put("title", a.title());
        json.put("category", a.category());
        json.put("communityId", a.area().communityId());
        json.put("streetId", a.area().streetId());
        json.put("districtId", a.area().districtId());
        Views.time(json, "start", a.start());
        Views.time(json, "end", a.end());
        putIf(json, "description", a.description());
        json.put("createdBy", a.createdBy());
        Views.time(json, "createdAt", a.createdAt());
        return json;
    }

    public static ObjectNode tally(Tally t) {
        ObjectNode json = Json.object();
        json.put("scope", t.key().scope().code());
        json.put("id", t.key().id());
        json.put("period", t.key().period());
        json.put("hours", HalfHours.toHours(t.halfHours()));
        json.put("records", t.records());
        json.put("checkInHours", HalfHours.toHours(t.checkInHalfHours()));
        json.put("manualHours", HalfHours.toHours(t.halfHours() - t.checkInHalfHours()));
        return json;
    }

    public static ObjectNode leaderboard(TallyService.Leaderboard board) {
        ObjectNode json = Json.object();
        json.put("scope", board.scope().code());
        json.put("period", board.period());
        json.put("areaId", board.area().id());
        ArrayNode items = json.putArray("items");
        int rank = 0;
        for (Tally entry : board.entries()) {
            ObjectNode item = items.addObject();
            item.put("rank", ++rank);
            item.put("id", entry.key().id());
            item.put("hours", HalfHours.toHours(entry.halfHours()));
            item.put("records", entry.records());
            Integer level = board.starLevels().get(entry.key().id());
            if (level != null) {
                item.put("starLevel", level);
            }
        }
        return json;
    }

    public static ObjectNode starLevels(StarLevels levels) {
        ObjectNode json = Json.object();
        ArrayNode thresholds = json.putArray("thresholds");
        levels.thresholds().forEach(thresholds::add);
        return json;
    }

    public static ObjectNode pointsRule(PointsRule rule) {
        ObjectNode json = Json.object();
        json.put("pointsPerHour", rule.pointsPerHour());
        json.put("cap", rule.cap());
        json.put("fromLevel", rule.fromLevel());
        return json;
    }

    public static ObjectNode volunteerHours(VolunteerHours.Totals hours) {
        ObjectNode json = Views.page(hours.page(), HoursViews::record);
        json.put("volunteerId", hours.volunteerId());
        json.put("certifiedHours", HalfHours.toHours(hours.certifiedHalfHours()));
        json.put("certifiedRecords", hours.certifiedRecords());
        json.put("starLevel", hours.starLevel());
        json.put("pendingHours", HalfHours.toHours(hours.pendingHalfHours()));
        json.put("pendingRecords", hours.pendingRecords());
        json.put("disputedRecords", hours.disputedRecords());
        return json;
    }

    public static ObjectNode certificate(Certificate c) {
        ObjectNode json = Json.object();
        json.put("certificateNumber", c.number());
        json.put("title", CertificatePage.TITLE);
        json.put("issuedOn", c.issuedOn().toString());
        json.put("issuer", c.issuer().organisation());
        json.put("issuerDistrictId", c.issuer().districtId());
        json.put("personInCharge", c.issuer().personInCharge());
        json.put("handler", c.issuer().handler());
        json.put("contact", c.issuer().contact());
        json.put("remarks", c.remarks());
        ObjectNode volunteer = json.putObject("volunteer");
        volunteer.put("id", c.volunteerId());
        volunteer.put("name", c.volunteerName());
        putIf(volunteer, "phone", c.maskedPhone());
        putIf(volunteer, "volunteerNumber", c.volunteerNumber());
        if (c.identityType() != null) {
            ObjectNode identity = volunteer.putObject("identity");
            identity.put("type", c.identityType());
            identity.put("number", c.maskedIdentityNumber());
        }
        json.put("totalHours", HalfHours.toHours(c.totalHalfHours()));
        json.put("starLevel", c.starLevel());
        json.put("checkInHours", HalfHours.toHours(c.halfHoursBy(Capture.CHECK_IN)));
        json.put("manualHours", HalfHours.toHours(c.halfHoursBy(Capture.MANUAL)));
        json.put("serviceCount", c.services().size());
        ArrayNode services = json.putArray("services");
        c.services().forEach(s -> {
            ObjectNode service = services.addObject();
            service.put("recordId", s.recordId());
            service.put("date", s.date().toString());
            service.put("content", s.content());
            service.put("hours", HalfHours.toHours(s.halfHours()));
            service.put("organiser", s.organiser());
            service.put("capture", s.capture().code());
        });
        return json;
    }

    public static ObjectNode volunteerRecord(VolunteerRecord r) {
        ObjectNode json = Json.object();
        json.put("id", r.id());
        json.put("volunteerId", r.volunteerId());
        json.put("kind", r.kind().code());
        json.put("title", r.title());
        json.put("organiser", r.organiser());
        json.put("date", r.date().toString());
        putIf(json, "note", r.note());
        json.put("recordedBy", r.recordedBy());
        json.put("recordedAt", r.recordedAt().toString());
        return json;
    }

    /** The fields a district's certificates print of their issuer; those not set yet are null. */
    public static ObjectNode certificateIssuer(CertificateIssuer issuer) {
        ObjectNode json = Json.object();
        json.put("districtId", issuer.districtId());
        json.put("organisation", issuer.organisation());
        json.put("personInCharge", issuer.personInCharge());
        json.put("handler", issuer.handler());
        json.put("contact", issuer.contact());
        return json;
    }

    public static ObjectNode rollup(HoursRollup.Report report) {
        ObjectNode json = Json.object();
        json.put("ran", report.ran());
        json.put("batches", report.batches());
        json.put("records", report.records());
        json.put("tallies", report.tallies());
        json.put("leftForNextRun", report.leftForNextRun());
        return json;
    }

    private static void putIf(ObjectNode json, String field, String value) {
        if (value != null) {
            json.put(field, value);
        }
    }
}
