package diandan.port.notify;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import diandan.domain.notify.MessageTemplate;
import diandan.domain.notify.NotifySettings;

/** People's notification settings and WeChat consent counts. */
public interface NotifySettingsStore {
    /** Their settings with their consent counts, read consistently; empty when they never set any. */
    Optional<NotifySettings> find(String sub);

    /** Sets channels, openid and phone; the consent counts stay as they are. */
    void save(NotifySettings settings);

    /** One more one-time subscription for each template (the mini-program reports those accepted). */
    void addConsents(String sub, Collection<MessageTemplate> templates);

    /**
     * The body fingerprint of the keyed consent call {@code call}: {@code bodyHash} stored when the call is new,
     * else the one its first attempt stored.
     */
    String claimConsentCall(String call, String bodyHash);

    /**
     * One more subscription for each template on behalf of the keyed call {@code call}: a template this call
     * already counted is not counted again, so a retry finishes what an interrupted attempt began.
     */
    void addConsentsOnce(String sub, String call, Collection<MessageTemplate> templates);

    /** Uses one subscription: false, changing nothing, when none is left (a count never goes below zero). */
    boolean takeConsent(String sub, MessageTemplate template);

    /** Returns a subscription taken for a message that was not delivered. */
    void giveBackConsent(String sub, MessageTemplate template);

    /** A dispatcher asks to hear of (or stops hearing of) escalations in an area. */
    void followArea(String sub, String areaId, boolean follow);

    /** The subjects following an area's escalations. */
    List<String> followersOf(String areaId);
}
