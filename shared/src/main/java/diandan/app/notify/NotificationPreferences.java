package diandan.app.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import diandan.app.IdempotencyKey;
import diandan.app.Together;
import diandan.app.registry.RegistryService;
import diandan.domain.Caller;
import diandan.domain.Ids;
import diandan.domain.PhoneNumbers;
import diandan.domain.Problem;
import diandan.domain.Validation;
import diandan.domain.notify.MessageTemplate;
import diandan.domain.notify.NotifySettings;
import diandan.port.notify.NotifySettingsStore;

/**
 * A person's own notification settings: read them, set channels, openid and phone, and record the one-time
 * WeChat subscriptions they accepted in the mini-program. Only ever their own (the token's subject). Each call
 * also links the login to the volunteer its token names ({@code custom:volunteer_id}, which only an admin sets),
 * so that the volunteer's messages follow these settings; a token naming nobody (any more) unlinks it.
 */
public final class NotificationPreferences {
    /** An openid is 28 characters; a little room for other apps' forms. */
    static final int MAX_OPEN_ID = 64;
    /** The mini-program asks for at most three templates at once; a few reports may be merged. */
    public static final int MAX_TEMPLATES = 10;
    /**
     * How long a keyed consent call's receipts are kept in the counts it raised: a retry within it finishes what
     * an interrupted attempt began and counts nothing twice; a retry after it counts nothing at all. A client
     * retries within minutes; a day bounds a count's receipts by the calls of one day.
     */
    public static final Duration RECEIPT_WINDOW = Duration.ofDays(1);

    private final NotifySettingsStore store;
    private final Clock clock;

    public NotificationPreferences(NotifySettingsStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public NotifySettings get(Caller caller) {
        String sub = owner(caller);
        NotifySettings settings = store.find(sub).orElse(NotifySettings.defaults(sub));
        String volunteer = caller.volunteerId();
        if (Objects.equals(volunteer, settings.volunteerId())) {
            return settings;
        }
        if (volunteer != null) {
            if (volunteer.length() > RegistryService.MAX_SUBJECT) {
                throw Problem.forbidden("no notification settings for a volunteer id of over "
                        + RegistryService.MAX_SUBJECT + " characters");
            }
            // the way back first: while the settings do not name the volunteer too, the link speaks for nobody
            store.linkVolunteer(volunteer, sub);
        }
        NotifySettings linked = settings.asVolunteer(volunteer);
        store.save(linked);
        return linked;
    }

    /**
     * The caller's subject, the key of their settings: one longer than a team's leader may be (the registry's
     * limit) names nobody the desk could tell anything, and no storage key takes it.
     */
    private static String owner(Caller caller) {
        if (caller.sub().length() > RegistryService.MAX_SUBJECT) {
            throw Problem.forbidden("no notification settings for a subject of over " + RegistryService.MAX_SUBJECT
                    + " characters");
        }
        return caller.sub();
    }

    /** Sets both channels and the addresses; the consent counts stay. An absent phone or openid is removed. */
    public NotifySettings set(Caller caller, Boolean wechat, Boolean sms, String phone, String openId) {
        String sub = owner(caller);
        Validation v = new Validation();
        if (wechat == null) {
            v.fail("wechat", "required: true or false");
        }
        if (sms == null) {
            v.fail("sms", "required: true or false");
        }
        String normalized = null;
        if (phone != null) {
            normalized = PhoneNumbers.normalize(phone).orElse(null);
            if (normalized == null) {
                v.fail("phone", "not a mainland China phone number");
            }
        }
        String id = v.optionalText("openId", openId, MAX_OPEN_ID);
        v.throwIfAny();
        NotifySettings current = get(caller);
        NotifySettings next = new NotifySettings(sub, wechat, sms, id, normalized, current.consents(),
                current.volunteerId());
        store.save(next);
        return next; // as written, with the consent counts as just read: no read after the write
    }

    /**
     * The templates the person accepted in {@code wx.requestSubscribeMessage}: one more message allowed for each;
     * the openid the mini-program knows them by, when given, is kept. With an {@code Idempotency-Key}, a retry of
     * the call counts nothing again (and, within {@link #RECEIPT_WINDOW} of the first attempt, finishes what an
     * interrupted attempt began).
     */
    public NotifySettings recordConsents(Caller caller, List<String> templateCodes, String openId,
                                         String idempotencyKey) {
        String sub = owner(caller);
        IdempotencyKey.check(idempotencyKey);
        Validation v = new Validation();
        List<MessageTemplate> templates = new ArrayList<>();
        if (templateCodes == null || templateCodes.isEmpty()) {
            v.fail("templates", "required: the template codes accepted");
        } else {
            for (String code : templateCodes) {
                MessageTemplate.parse(code).ifPresentOrElse(templates::add,
                        () -> v.fail("templates", "unknown template " + code));
            }
        }
        String id = v.optionalText("openId", openId, MAX_OPEN_ID);
        v.throwIfAny();
        String call = idempotencyKey == null ? null : Ids.fingerprint(sub, idempotencyKey);
        Instant now = clock.instant();
        NotifySettingsStore.ConsentCall first = null;
        if (call != null) {
            String bodyHash = Ids.fingerprint(String.join(",", templateCodes), String.valueOf(id));
            first = store.claimConsentCall(call, bodyHash, now);
            IdempotencyKey.requireSameBody(first.bodyHash(), bodyHash, "other templates", "another call");
        }
        NotifySettings current = id == null ? null : get(caller);
        // the openid and each template's count are items of their own: written together
        List<Runnable> writes = new ArrayList<>();
        if (current != null) {
            writes.add(() -> store.save(new NotifySettings(sub, current.wechat(), current.sms(), id, current.phone(),
                    current.consents(), current.volunteerId())));
        }
        Instant keptFrom = now.minus(RECEIPT_WINDOW);
        NotifySettingsStore.ConsentCall firstAttempt = first;
        for (MessageTemplate template : templates) {
            if (call == null) {
                writes.add(() -> store.addConsents(sub, List.of(template)));
            } else if (!firstAttempt.at().isBefore(keptFrom)) {
                writes.add(() -> store.addConsentsOnce(sub, call, firstAttempt.at(), List.of(template), keptFrom));
            }
        }
        Together.run(writes);
        return get(caller);
    }
}
