package diandan.app.request;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import diandan.app.IdempotencyKey;
import diandan.app.Together;
import diandan.app.menu.MenuOrdering;
import diandan.app.registry.RegistryCache;
import diandan.domain.Access;
import diandan.domain.AreaPath;
import diandan.domain.Caller;
import diandan.domain.Category;
import diandan.domain.Channel;
import diandan.domain.ClockPolicy;
import diandan.domain.Contact;
import diandan.domain.Ids;
import diandan.domain.PhoneNumbers;
import diandan.domain.Problem;
import diandan.domain.Rating;
import diandan.domain.Registry;
import diandan.domain.RequestLifecycle;
import diandan.domain.RequestStatus;
import diandan.domain.ServiceRequest;
import diandan.domain.Sla;
import diandan.domain.TeamLoad;
import diandan.domain.TimelineEntry;
import diandan.domain.Validation;
import diandan.domain.calendar.ServiceCalendar;
import diandan.domain.menu.Project;
import diandan.port.Page;
import diandan.port.request.RequestQuery;
import diandan.port.request.RequestRepository;

/** The resident's side of a request: submit, read, list, cancel, rate; and the wish wall. */
public final class IntakeService {
    public static final int MAX_DESCRIPTION = 2000;
    public static final int MAX_ADDRESS = 200;
    public static final int MAX_NAME = 50;
    public static final int MAX_REASON = 500;

    private final RequestChanges changes;
    private final RequestRepository requests;
    private final RegistryCache registry;
    private final Routing routing;
    private final Supplier<ClockPolicy> clockPolicy;
    private final Function<String, Optional<ServiceCalendar>> calendars;
    private final ResidentLimits limits;
    private final MenuOrdering menu;
    private final Clock clock;

    /**
     * @param clockPolicy the policy in force, asked at each submission (admins change it)
     * @param calendars   the service calendar in force for a community, if any (admins change them)
     */
    public IntakeService(RequestChanges changes, RequestRepository requests, RegistryCache registry, Routing routing,
                         Supplier<ClockPolicy> clockPolicy, Function<String, Optional<ServiceCalendar>> calendars,
                         ResidentLimits limits, MenuOrdering menu, Clock clock) {
        this.changes = changes;
        this.requests = requests;
        this.registry = registry;
        this.routing = routing;
        this.clockPolicy = clockPolicy;
        this.calendars = calendars;
        this.limits = limits;
        this.menu = menu;
        this.clock = clock;
    }

    public Submission submit(Caller caller, NewRequest form, String idempotencyKey) {
        IdempotencyKey.check(idempotencyKey);
        // what a container keeps a minute at a time, loaded together when it has none (its first event)
        Together.run(List.of(registry::get, clockPolicy::get));
        Registry snapshot = registry.get();
        Validation v = new Validation();
        String projectId = v.optionalText("projectId", form.projectId(), 64);
        Optional<Project> project = projectId == null ? Optional.empty() : menu.project(projectId);
        if (projectId != null && project.isEmpty()) {
            v.fail("projectId", "no project '" + projectId + "'");
        }
        // ordering from the menu: the project's category, unless the client names it anyway
        String categoryCode = project.isPresent() && form.category() == null ? project.get().category()
                : v.requiredText("category", form.category(), 40);
        if (project.isPresent() && categoryCode != null && !categoryCode.equals(project.get().category())) {
            v.fail("category", "project " + projectId + " is in category " + project.get().category());
        }
        Optional<Category> category = Optional.ofNullable(categoryCode).flatMap(snapshot::category);
        if (categoryCode != null && category.isEmpty()) {
            v.fail("category", "unknown category '" + categoryCode + "'");
        }
        String description = v.requiredMultiLineText("description", form.description(), MAX_DESCRIPTION);
        String communityId = v.requiredText("communityId", form.communityId(), 64);
        Optional<AreaPath> area = Optional.ofNullable(communityId).flatMap(snapshot::pathOf);
        if (communityId != null && area.isEmpty()) {
            v.fail("communityId", "no community '" + communityId + "'");
        }
        String address = v.requiredText("address", form.address(), MAX_ADDRESS);
        String contactName = v.requiredText("contactName", form.contactName(), MAX_NAME);
        String rawPhone = v.requiredText("contactPhone", form.contactPhone(), 24);
        Optional<String> phone = Optional.ofNullable(rawPhone).flatMap(PhoneNumbers::normalize);
        if (rawPhone != null && phone.isEmpty()) {
            v.fail("contactPhone", "must be a mainland mobile (11 digits, 1[3-9]...) or landline (area code + number)");
        }
        String channelCode = v.requiredText("channel", form.channel(), 20);
        Optional<Channel> channel = Optional.ofNullable(channelCode).flatMap(Channel::fromCode);
        if (channelCode != null && channel.isEmpty()) {
            v.fail("channel", "must be one of app, mini_program, hotline, wish_wall, walk_in");
        } else if (projectId != null && channel.orElse(null) == Channel.WISH_WALL) {
            v.fail("projectId", "a wish goes on the wall; a project is ordered through another channel");
        }
        Instant now = clock.instant();
        Instant preferredTime = v.optionalInstant("preferredTime", form.preferredTime());
        if (preferredTime != null && preferredTime.isBefore(now.minusSeconds(3600))) {
            v.fail("preferredTime", "must not lie in the past");
        }
        String residentId = v.optionalText("residentId", form.residentId(), 128);
        v.throwIfAny();
        Access.requireSubmit(caller, channel.get(), area.get(), snapshot);
        String resident = Access.submittedFor(caller, channel.get(), residentId);

        String fingerprint = idempotencyKey == null ? null : fingerprint(projectId, categoryCode, description,
                communityId, address, contactName, phone.get(), channelCode, String.valueOf(preferredTime),
                String.valueOf(resident));
        String id = IdempotencyKey.id("r", caller, idempotencyKey, now);
        Sla sla = clockPolicy.get().start(now, category.get(), channel.get(), () -> calendars.apply(communityId));
        boolean wish = channel.get() == Channel.WISH_WALL;
        ServiceRequest submitted = new ServiceRequest(id, wish ? RequestStatus.OPEN_WISH : RequestStatus.UNROUTED,
                categoryCode, description, channel.get(), area.get(), new Contact(contactName, phone.get(), address),
                preferredTime, resident, caller.sub(), null, List.of(), sla,
                List.of(new TimelineEntry(now, "submitted", caller.sub(), "via " + channelCode)),
                null, now, now, 0, fingerprint);
        boolean routed = !wish && project.isEmpty();
        // One round trip: the earlier submission a key names, the resident's slots (taken then, unread, when they
        // plainly allow it), the loads routing weighs, and the note that the request is about to be created (a
        // wish, which nothing follows, needs none).
        Together.Three<ResidentLimits.Attempt, Optional<ServiceRequest>, Map<String, TeamLoad>> read = Together.get(
                () -> limits.attempt(caller.sub(), channel.get(), id, now),
                () -> idempotencyKey == null ? Optional.<ServiceRequest>empty() : requests.find(id),
                () -> Together.get(() -> {
                    if (!wish) {
                        changes.noteCreation(id);
                    }
                    return null;
                }, () -> routed ? routing.loadsFor(submitted) : Map.<String, TeamLoad>of()).second());
        ServiceRequest first;
        try {
            if (changes.retried(read.second()).isPresent()) {
                limits.withdraw(caller.sub(), id, now, read.first());
                return replay(read.second().get(), fingerprint);
            }
            limits.take(caller.sub(), channel.get(), id, now, read.first());
            // version 0 is the unsaved draft: routing's transition (or opening the wish) makes the stored version 1
            first = wish ? submitted.next().build(now)
                    : project.isPresent() ? menu.order(submitted, project.get(), now)
                    : routing.route(submitted, now, read.third());
        } catch (Problem refused) {
            if (!wish) {
                changes.abandonCreation(id);
            }
            throw refused;
        }
        Submission submission = changes.create(first);
        if (!submission.replayed() || idempotencyKey == null) {
            // a fresh random id can only exist if the store applied our own write and the SDK retried it
            return new Submission(submission.request(), false);
        }
        return replay(submission.request(), fingerprint);
    }

    /** The body's hash; a project, when one is ordered, is hashed after the rest (bodies without one hash as before). */
    private static String fingerprint(String projectId, String... fields) {
        if (projectId == null) {
            return Ids.fingerprint(fields);
        }
        String[] withProject = Arrays.copyOf(fields, fields.length + 1);
        withProject[fields.length] = projectId;
        return Ids.fingerprint(withProject);
    }

    /** A retry of an earlier submission: the same answer, unless the key now comes with another body. */
    private static Submission replay(ServiceRequest earlier, String fingerprint) {
        IdempotencyKey.requireSameBody(earlier.fingerprint(), fingerprint, "a different request body", "a new request");
        return new Submission(earlier, true);
    }

    public ServiceRequest get(Caller caller, String id) {
        ServiceRequest request = changes.load(id);
        Access.requireRead(caller, request, registry.get());
        return request;
    }

    /** Whether this caller sees the request's contact details whole, or masked. */
    public boolean seesContact(Caller caller, ServiceRequest request) {
        return Access.seesContact(caller, request, registry.get());
    }

    public ServiceRequest cancel(Caller caller, String id, Long ifMatch, String reasonText) {
        Validation v = new Validation();
        String reason = v.requiredMultiLineText("reason", reasonText, MAX_REASON);
        v.throwIfAny();
        return changes.change(caller, id, ifMatch, request -> {
            Access.requireCancel(caller, request, registry.get());
            return RequestLifecycle.cancel(request, caller.sub(), reason, clock.instant());
        });
    }

    public ServiceRequest rate(Caller caller, String id, Long ifMatch, Integer score, String outcomeText,
                               String commentText) {
        Validation v = new Validation();
        if (score == null) {
            v.fail("score", "is required");
        } else if (score < 1 || score > 5) {
            v.fail("score", "must be a whole number from 1 to 5");
        }
        String outcome = v.requiredText("outcome", outcomeText, 20);
        if (outcome != null && !Rating.OUTCOMES.contains(outcome)) {
            v.fail("outcome", "must be one of " + String.join(", ", Rating.OUTCOMES));
        }
        String comment = v.optionalMultiLineText("comment", commentText, MAX_REASON);
        v.throwIfAny();
        return changes.change(caller, id, ifMatch, request -> {
            Access.requireRate(caller, request, registry.get());
            return RequestLifecycle.rate(request, caller.sub(), new Rating(score, outcome, comment, clock.instant()));
        });
    }

    /**
     * Erases the contact data of a closed or cancelled request at once, as its resident asks (or an admin of its
     * area for them); idempotent. Racing another erasure (the retention job's) it answers with the erased request.
     */
    public ServiceRequest eraseContact(Caller caller, String id) {
        try {
            return changes.change(id, null, request -> Access.requireEraseContact(caller, request, registry.get()),
                    request -> RequestLifecycle.eraseContact(request, caller.sub(), "at the resident's request",
                            clock.instant()));
        } catch (Problem refused) {
            if (refused.kind() == Problem.Kind.CONFLICT) {
                ServiceRequest now = changes.load(id);
                if (now.contact().isErased()) {
                    return now; // erased meanwhile
                }
            }
            throw refused;
        }
    }

    public Page<ServiceRequest> list(Caller caller, ListFilter filter) {
        return requests.list(filter.toQuery(caller, registry.get()));
    }

    public Page<ServiceRequest> wishes(int limit, String cursor) {
        return requests.list(new RequestQuery(RequestQuery.Scope.WISH_QUEUE, null, null, null, null, null, null,
                null, null, limit, cursor));
    }
}
