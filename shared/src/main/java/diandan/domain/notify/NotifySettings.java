package diandan.domain.notify;

import java.util.Map;

/**
 * A person's own choices: whether WeChat and SMS may reach them, their mini-program openid and their phone
 * for SMS, how many one-time WeChat subscriptions they accepted per template (each allows one message), and the
 * volunteer their login is, as their token named them when they last read or set these settings.
 *
 * @param openId      null until the mini-program records it
 * @param phone       null when they gave none
 * @param volunteerId null unless their token names a volunteer ({@code custom:volunteer_id})
 */
public record NotifySettings(String sub, boolean wechat, boolean sms, String openId, String phone,
                             Map<MessageTemplate, Integer> consents, String volunteerId) {
    public NotifySettings {
        consents = Map.copyOf(consents);
    }

    /** Settings of a login that is no volunteer. */
    public NotifySettings(String sub, boolean wechat, boolean sms, String openId, String phone,
                          Map<MessageTemplate, Integer> consents) {
        this(sub, wechat, sms, openId, phone, consents, null);
    }

    /** The same settings, of the login of volunteer {@code volunteer} (none: null). */
    public NotifySettings asVolunteer(String volunteer) {
        return new NotifySettings(sub, wechat, sms, openId, phone, consents, volunteer);
    }

    /** What holds for someone who never chose: SMS allowed, to a phone they have not given. */
    public static NotifySettings defaults(String sub) {
        return new NotifySettings(sub, true, true, null, null, Map.of());
    }

    public int consents(MessageTemplate template) {
        return consents.getOrDefault(template, 0);
    }
}
