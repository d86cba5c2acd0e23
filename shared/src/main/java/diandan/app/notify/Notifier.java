package diandan.app.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import diandan.app.registry.RegistryCache;
import diandan.domain.hours.HoursRecord;
import diandan.domain.notify.Audience;
import diandan.domain.notify.ChannelChoice;
import diandan.domain.notify.Delivery;
import diandan.domain.notify.DomainEvent;
import diandan.domain.notify.MessageChannel;
import diandan.domain.notify.Notice;
import diandan.domain.notify.NotifySettings;
import diandan.domain.notify.QuietHours;
import diandan.port.hours.HoursRepository;
import diandan.port.registry.TeamRoster;
import diandan.port.request.RequestRepository;
import diandan.port.notify.DeliveryLedger;
import diandan.port.notify.MessageSender;
import diandan.port.notify.NotifySettingsStore;

/**
 * Tells the people an event concerns ({@link Audience}), each once: a delivery is claimed in the ledger before
 * anything is sent, so a repeated event, a retry or a concurrent run finds it taken and sends nothing. A message
 * goes on the best way the person allows ({@link ChannelChoice}); a WeChat message uses up one of their
 * subscriptions for its template, given back when it fails, and a failure falls back to SMS where allowed. A
 * message that is not urgent waits out the quiet hours ({@link #releaseHeld}, on the schedule). Events of hours
 * records are told the same way ({@link Audience#ofHours}), their deliveries kept by record.
 *
 * <p>When every way failed, the delivery is marked failed and {@link #handle} throws, so that the invocation
 * fails and the bus retries it (then its dead-letter queue keeps it): the retry claims only what failed. A run
 * that stops between sending and recording leaves a claim that a retry takes over after {@link #CLAIM_LEASE}:
 * that one case may send twice, for no provider takes a key to deduplicate by.
 */
public final class Notifier {
    /** Longer than any run (the function's timeout): a claim older than this was left by a stopped run. */
    static final Duration CLAIM_LEASE = Duration.ofMinutes(5);
    /** Held deliveries released per run of the schedule; more wait for the next. */
    public static final int HELD_BATCH = 100;

    /** What one event (or one release of held messages) came to. */
    public record Result(int sent, int held, int duplicates, int unreachable) {
        Result plus(Delivery.Outcome outcome) {
            return new Result(sent + (outcome == Delivery.Outcome.SENT ? 1 : 0),
                    held + (outcome == Delivery.Outcome.HELD ? 1 : 0),
                    duplicates + (outcome == null ? 1 : 0),
                    unreachable + (outcome == Delivery.Outcome.UNREACHABLE ? 1 : 0));
        }
    }

    /** Some message of the event could not be sent on any way; the others were. */
    public static final class DeliveryFailedException extends RuntimeException {
        public DeliveryFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** What an event is about as stored now: its recipients, and the phone its own person may be reached on. */
    private record Subject(List<Notice> notices, String ownPhone) {
    }

    private final RequestRepository requests;
    private final HoursRepository hours;
    private final TeamRoster roster;
    private final RegistryCache registry;
    private final NotifySettingsStore settings;
    private final DeliveryLedger ledger;
    private final Map<MessageChannel, MessageSender> senders;
    private final QuietHours quietHours;
    private final Clock clock;

    /** @param roster the registry's volunteers: a volunteer's own phone */
    public Notifier(RequestRepository requests, HoursRepository hours, TeamRoster roster, RegistryCache registry,
                    NotifySettingsStore settings, DeliveryLedger ledger, Map<MessageChannel, MessageSender> senders,
                    QuietHours quietHours, Clock clock) {
        this.requests = requests;
        this.hours = hours;
        this.roster = roster;
        this.registry = registry;
        this.settings = settings;
        this.ledger = ledger;
        this.senders = Map.copyOf(senders);
        this.quietHours = quietHours;
        this.clock = clock;
    }

    public Result handle(DomainEvent event) {
        Optional<Subject> subject = subject(event);
        Result result = new Result(0, 0, 0, 0);
        if (subject.isEmpty()) {
            return result;
        }
        MessageSender.SendFailedException failed = null;
        for (Notice notice : subject.get().notices()) {
            try {
                result = result.plus(deliver(notice, subject.get().ownPhone()));
            } catch (MessageSender.SendFailedException everyWayFailed) {
                failed = everyWayFailed;
            }
        }
        if (failed != null) {
            throw new DeliveryFailedException("a message of event " + event.id() + " failed on every way", failed);
        }
        return result;
    }

    /** Sends the held messages whose quiet hours are over. */
    public Result releaseHeld() {
        Result result = new Result(0, 0, 0, 0);
        for (DeliveryLedger.Held held : ledger.due(clock.instant(), HELD_BATCH)) {
            if (!ledger.claimHeld(held, clock.instant())) {
                ledger.released(held);
                result = result.plus(null);
                continue;
            }
            Optional<Subject> subject = subject(held.notice().event());
            Delivery.Outcome outcome;
            try {
                outcome = subject.isEmpty() ? Delivery.Outcome.UNREACHABLE
                        : send(held.notice(), subject.get().ownPhone());
            } catch (MessageSender.SendFailedException everyWayFailed) {
                outcome = Delivery.Outcome.FAILED; // recorded as failed: the timeline shows it
            }
            ledger.released(held);
            result = result.plus(outcome);
        }
        return result;
    }

    /** The request, the hours record or the volunteer as stored now; empty when it is gone. */
    private Optional<Subject> subject(DomainEvent event) {
        if (event.type().aboutVolunteer()) {
            return roster.volunteer(event.volunteerId()).map(volunteer -> new Subject(
                    Audience.ofStarLevel(event), volunteer.phone()));
        }
        if (event.type().aboutHours()) {
            return hours.find(event.recordId()).map(record -> new Subject(
                    Audience.ofHours(event, record, registry.get()), volunteerPhone(record)));
        }
        return requests.find(event.requestId()).map(request -> new Subject(
                Audience.of(event, request, registry.get(), settings::followersOf),
                request.contact() == null ? null : request.contact().phone()));
    }

    private String volunteerPhone(HoursRecord record) {
        return roster.volunteer(record.volunteerId()).map(TeamRoster.Volunteer::phone).orElse(null);
    }

    /** @return how it went, or null when another run has it already */
    private Delivery.Outcome deliver(Notice notice, String ownPhone) {
        Instant now = clock.instant();
        if (!ledger.claim(notice, now, now.minus(CLAIM_LEASE))) {
            return null;
        }
        Instant sendAt = quietHours.sendAt(notice.template(), now);
        if (sendAt.isAfter(now)) {
            ledger.hold(notice, sendAt);
            return Delivery.Outcome.HELD;
        }
        return send(notice, ownPhone);
    }

    /** @param ownPhone the phone the desk knows for the event's own person, for their messages only */
    private Delivery.Outcome send(Notice notice, String ownPhone) {
        String sub = notice.to().sub();
        NotifySettings chosen = sub == null ? NotifySettings.defaults(null)
                : settings.find(sub).orElse(NotifySettings.defaults(sub));
        MessageSender.SendFailedException failure = null;
        MessageChannel tried = null;
        for (ChannelChoice.Route route : ChannelChoice.routes(notice, chosen, ownPhone)) {
            MessageSender sender = senders.get(route.channel());
            if (sender == null) {
                continue; // a channel this deployment does not have (no WeChat secret configured)
            }
            boolean wechat = route.channel() == MessageChannel.WECHAT;
            if (wechat && !settings.takeConsent(sub, notice.template())) {
                continue; // a concurrent message used the last subscription
            }
            try {
                String messageId = sender.send(route, notice);
                ledger.finish(delivery(notice, Delivery.Outcome.SENT, route.channel(), messageId));
                return Delivery.Outcome.SENT;
            } catch (MessageSender.SendFailedException failed) {
                if (wechat) {
                    settings.giveBackConsent(sub, notice.template());
                }
                failure = failed;
                tried = route.channel();
            }
        }
        if (failure == null) {
            ledger.finish(delivery(notice, Delivery.Outcome.UNREACHABLE, null, null));
            return Delivery.Outcome.UNREACHABLE;
        }
        ledger.finish(delivery(notice, Delivery.Outcome.FAILED, tried, null));
        throw failure;
    }

    private Delivery delivery(Notice notice, Delivery.Outcome outcome, MessageChannel channel, String messageId) {
        return new Delivery(notice.event().subjectId(), notice.deliveryId(), notice.to().role(), notice.template(),
                outcome, channel, messageId, clock.instant());
    }
}
