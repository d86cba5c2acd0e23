package diandan.system;

import static diandan.devkit.ApiEvents.withBody;
import static diandan.devkit.ApiEvents.withPath;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;

import diandan.domain.points.Redemption;

/**
 * What a row of the authorization matrix acts on, made fresh for each cell so that every caller meets it in the
 * state the route acts on, and put into the row's event (path id, body). The names are the matrix's.
 */
enum Subject {
    /** The event file as it is. */
    FILE("file"),
    /** The owner's request, dispatched to the care team. */
    DISPATCHED("dispatched"),
    /** The owner's request, accepted by the care team. */
    ACCEPTED("accepted"),
    /** The owner's request, accepted by the care team and put on hold by it. */
    HELD("held"),
    /** The owner's request, resolved by the care team. */
    RESOLVED("resolved"),
    /** The owner's request, resolved by the care team and rated: closed. */
    CLOSED("closed"),
    /** The owner's open wish, claimed for the care team. */
    WISH("wish"),
    /** The care team. */
    SERVING_TEAM("servingTeam"),
    /** v-li, a volunteer of the care team. */
    VOLUNTEER("volunteer"),
    /** Hours of v-li for the owner's request the care team resolved. */
    HOURS_FOR_RESOLVED("hoursForResolved"),
    /** A pending record of v-li's hours for the owner's request the care team resolved. */
    PENDING_RECORD("pendingRecord"),
    /** A level-1 alert on the owner's request: community xinbei's. */
    ALERT("alert"),
    /** The event's area with a calendar of its own (community sanpu's). */
    OWN_CALENDAR("ownCalendar"),
    /** An activity of the care team on 2026-11-21, and a session within it in the body. */
    CARE_ACTIVITY("careActivity"),
    /** A session of the care team about to start (check-in open), v-li signed up. */
    SESSION("session"),
    /** The same, v-li checked in. */
    CHECKED_IN("checkedIn"),
    /** A service project of the care team, serving street weiyang. */
    PROJECT("project"),
    /** The same, a volunteer of its own checked in and out: a pending check-in record. */
    CHECKED_OUT("checkedOut"),
    /** A merchant of community xinbei with an item (soap, 1 point). */
    MERCHANT("merchant"),
    /** The same, and v-li holding points: a body redeeming its soap. */
    REDEEMABLE("redeemable"),
    /** v-li's redemption of that soap, done: its id, and its code in the body. */
    REDEEMED("redeemed");

    final String name;

    Subject(String name) {
        this.name = name;
    }

    static Subject named(String name) {
        for (Subject subject : values()) {
            if (subject.name.equals(name)) {
                return subject;
            }
        }
        throw new IllegalArgumentException("no subject '" + name + "'");
    }

    /** Makes the subject for {@code owner} and points the event at it. */
    APIGatewayV2HTTPEvent prepare(World world, String owner, APIGatewayV2HTTPEvent event) {
        return switch (this) {
            case FILE -> event;
            case DISPATCHED -> withPath(event, "id", world.dispatchedRequest(owner));
            case ACCEPTED -> withPath(event, "id", world.acceptedRequest(owner));
            case HELD -> withPath(event, "id", world.heldRequest(owner));
            case RESOLVED -> withPath(event, "id", world.resolvedRequest(owner).requestId());
            case CLOSED -> withPath(event, "id", world.closedRequest(owner));
            case WISH -> withBody(withPath(event, "id", world.openWish(owner)),
                    "{\"teamId\": \"" + World.SERVING_TEAM + "\"}");
            case SERVING_TEAM -> withPath(event, "id", World.SERVING_TEAM);
            case VOLUNTEER -> withPath(event, "id", World.VOLUNTEER);
            case HOURS_FOR_RESOLVED -> {
                World.Served served = world.resolvedRequest(owner);
                yield withBody(event, "{\"source\": {\"type\": \"request\", \"id\": \"" + served.requestId()
                        + "\"}, \"entries\": [{\"volunteerId\": \"" + World.VOLUNTEER + "\", \"hours\": 1, \"date\": \""
                        + served.day() + "\"}]}");
            }
            case PENDING_RECORD -> withPath(event, "id", world.pendingRecord(owner));
            case ALERT -> withPath(event, "id", world.alert(owner));
            case CARE_ACTIVITY -> withBody(withPath(event, "id", world.careActivity()), "{\"start\": "
                    + "\"2026-11-21T01:00:00Z\", \"end\": \"2026-11-21T03:00:00Z\", \"address\": \"新北社区活动室\", "
                    + "\"quota\": 10}");
            case SESSION -> withPath(event, "id", world.session(false));
            case CHECKED_IN -> withPath(event, "id", world.session(true));
            case CHECKED_OUT -> withPath(event, "id", world.attendedSession());
            case OWN_CALENDAR -> {
                world.ownCalendar(event.getPathParameters().get("areaId"));
                yield event;
            }
            case PROJECT -> withPath(event, "id", world.project());
            case MERCHANT -> withPath(event, "id", world.merchant());
            case REDEEMABLE -> withBody(event, "{\"merchantId\": \"" + world.redeemable(owner) + "\", \"itemId\": \"soap\"}");
            case REDEEMED -> {
                Redemption redeemed = world.redeemed(owner);
                yield withBody(withPath(event, "id", redeemed.id()), "{\"code\": \"" + redeemed.code() + "\"}");
            }
        };
    }
}
