package diandan.port.notify;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import diandan.domain.notify.MessageTemplate;
import diandan.domain.notify.NotifySettings;

/** People's notification settings and WeChat consent counts. */
public interface NotifySettingsStore {
    /** Their settings with their consent counts, read consistently; empty when they never set any. */
    Optional<NotifySettings> find(String sub);

    /** Sets channels, openid, phone and the volunteer the login is; the consent counts stay as they are. */
    void save(NotifySettings settings);

    /** Makes {@code sub} the login a volunteer's messages go to, in place of any before. */
    void linkVolunteer(String volunteerId, String sub);

    /**
     * The login last linked to the volunteer; it speaks for them only while its own settings name them too
     * ({@link NotifySettings#volunteerId}).
     */
    Optional<String> loginOf(String volunteerId);

    /** One more one-time subscription for each template (the mini-program reports those accepted). */
    void addConsents(String sub, Collection<MessageTemplate> templates);

    /** A keyed consent call as its first attempt recorded it: its body's fingerprint, and when it was made. */
    record ConsentCall(String bodyHash, Instant at) {
    }

    /**
     * The keyed consent call {@code call}: {@code bodyHash} and {@code at} stored when the call is new, else what
     * its first attempt stored.
     */
    ConsentCall claimConsentCall(String call, String bodyHash, Instant at);

    /**
     * One more subscription for each template on behalf of the keyed call {@code call}, first made at
     * {@code callAt}: a template this call already counted is not counted again, so a retry finishes what an
     * interrupted attempt began. Each count keeps a receipt per call; receipts of calls made before
     * {@code keptFrom} are dropped as the count is raised, so that a count's receipts stay few.
     */
    void addConsentsOnce(String sub, String call, Instant callAt, Collection<MessageTemplate> templates,
                         Instant keptFrom);

    /** Uses one subscription: false, changing nothing, when none is left (a count never goes below zero). */
    boolean takeConsent(String sub, MessageTemplate template);

    /** Returns a subscription taken for a message that was not delivered. */
    void giveBackConsent(String sub, MessageTemplate template);

    /** A dispatcher asks to hear of (or stops hearing of) escalations in an area. */
    void followArea(String sub, String areaId, boolean follow);

    /** The subjects following an area's escalations. */
    List<String> followersOf(String areaId);
}
