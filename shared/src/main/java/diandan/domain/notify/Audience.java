package diandan.domain.notify;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import diandan.domain.Area;
import diandan.domain.Category;
import diandan.domain.SlaClock;
import diandan.domain.Registry;
import diandan.domain.ServiceRequest;
import diandan.domain.Team;
import diandan.domain.hours.HalfHours;
import diandan.domain.hours.HoursRecord;
import diandan.domain.hours.ServiceDates;

/**
 * Who is told of an event, with which template: a dispatched or claimed request tells its team's leaders (the
 * respond clock runs), a claimed wish the resident who made it as well, and a warning that one of its clocks is
 * about to be missed tells the leaders; an acceptance, a reply and a resolution tell the resident, and so does
 * the rating invitation a resolution brings; an escalation tells the dispatchers of its level's area (community,
 * street, district). Nobody else hears of anything.
 */
public final class Audience {
    private static final DateTimeFormatter HOUR_MINUTE = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    private static final ZoneId BEIJING = ServiceDates.ZONE;
    private static final DateTimeFormatter MONTH_DAY = DateTimeFormatter.ofPattern("M月d日", Locale.ROOT);

    private Audience() {
    }

    /**
     * @param request     the request as stored now
     * @param dispatchers the subjects of the dispatchers who asked to hear of an area's escalations
     */
    public static List<Notice> of(DomainEvent event, ServiceRequest request, Registry registry,
                                  Function<String, List<String>> dispatchers) {
        Map<String, String> variables = variables(event, request, registry);
        List<Notice> notices = new ArrayList<>();
        switch (event.type()) {
            case DISPATCHED -> notices.addAll(toLeaders(event, registry, MessageTemplate.NEW_ORDER, variables));
            case CLAIMED -> {
                notices.addAll(toLeaders(event, registry, MessageTemplate.NEW_ORDER, variables));
                notices.add(toResident(event, request, MessageTemplate.WISH_CLAIMED, variables));
            }
            case WARNED -> notices.addAll(toLeaders(event, registry, MessageTemplate.BREACH_WARNING, variables));
            case ACCEPTED -> notices.add(toResident(event, request, MessageTemplate.ACCEPTED, variables));
            case REPLIED -> notices.add(toResident(event, request, MessageTemplate.REPLIED, variables));
            case RESOLVED -> notices.add(toResident(event, request, MessageTemplate.RESOLVED, variables));
            case RATING_INVITED -> notices.add(toResident(event, request, MessageTemplate.RATING_INVITATION, variables));
            case ESCALATED -> dispatchers.apply(areaOfLevel(request, event.level())).forEach(dispatcher -> notices.add(
                    new Notice(event, new Recipient(Recipient.Role.DISPATCHER, dispatcher), MessageTemplate.ESCALATED,
                            variables)));
            default -> {
                // declined, unrouted, started, cancelled, closed: the desk's own views and alerts cover them;
                // hours records' events: ofHours
            }
        }
        return notices;
    }

    /**
     * Who is told of a change of an hours record: its volunteer of a certification (on their own phone when they
     * set nothing), the leaders of its team of a dispute. Nobody is told of a recording: it is pending, and the
     * volunteer hears once it counts. Names of the category, the day, the hours and a short record number: never
     * the volunteer's name or the dispute's words.
     */
    public static List<Notice> ofHours(DomainEvent event, HoursRecord record, Registry registry) {
        String id = record.id();
        Map<String, String> variables = Map.of(
                "category", registry.category(record.category()).map(Category::name).orElse(record.category()),
                "date", MONTH_DAY.format(record.date()),
                "hours", HalfHours.toHours(record.halfHours()).stripTrailingZeros().toPlainString(),
                "ref", id.substring(Math.max(0, id.length() - 8)).toUpperCase(Locale.ROOT));
        return switch (event.type()) {
            case HOURS_CERTIFIED -> List.of(new Notice(event, new Recipient(Recipient.Role.VOLUNTEER, null),
                    MessageTemplate.HOURS_CERTIFIED, variables));
            case HOURS_DISPUTED -> toLeaders(event, registry, MessageTemplate.HOURS_DISPUTED, variables);
            default -> List.of();
        };
    }

    /**
     * Who is told that a volunteer reached a star level: the volunteer (on their own phone when they set nothing),
     * with the level in figures and stars; never their name or their hours' records.
     */
    public static List<Notice> ofStarLevel(DomainEvent event) {
        return List.of(new Notice(event, new Recipient(Recipient.Role.VOLUNTEER, null), MessageTemplate.STAR_LEVEL_REACHED,
                Map.of("level", Integer.toString(event.level()), "stars", "★".repeat(event.level()))));
    }

    /** The leaders of the team the event concerns. */
    private static List<Notice> toLeaders(DomainEvent event, Registry registry, MessageTemplate template,
                                          Map<String, String> variables) {
        return registry.team(event.teamId()).map(Team::leaders).orElse(List.of()).stream()
                .map(leader -> new Notice(event, new Recipient(Recipient.Role.TEAM_LEADER, leader), template, variables))
                .toList();
    }

    /** The resident by subject, or by the request's own contact when they have no account. */
    private static Notice toResident(DomainEvent event, ServiceRequest request, MessageTemplate template,
                                     Map<String, String> variables) {
        return new Notice(event, new Recipient(Recipient.Role.RESIDENT, request.residentSub()), template, variables);
    }

    /** Level 1 is the community's station, 2 the street's institute, 3 the district's centre. */
    static String areaOfLevel(ServiceRequest request, int level) {
        return switch (level) {
            case 1 -> request.area().communityId();
            case 2 -> request.area().streetId();
            default -> request.area().districtId();
        };
    }

    /** Names and codes only: the category, the community, a short number, the respond deadline, the missed clock. */
    static Map<String, String> variables(DomainEvent event, ServiceRequest request, Registry registry) {
        String id = request.id();
        String missed = event.level() == 0 ? "" : switch (SlaClock.values()[Math.min(event.level(), 3) - 1]) {
            case RESPOND -> "接单";
            case REPLY -> "回复";
            case RESOLVE -> "办结";
        };
        return Map.of(
                "category", registry.category(request.category()).map(Category::name).orElse(request.category()),
                "community", registry.area(request.area().communityId()).map(Area::name)
                        .orElse(request.area().communityId()),
                "ref", id.substring(Math.max(0, id.length() - 8)).toUpperCase(Locale.ROOT),
                "respondBy", HOUR_MINUTE.format(request.sla().respondBy().atZone(BEIJING)),
                "missed", missed,
                "level", Integer.toString(event.level()));
    }
}
