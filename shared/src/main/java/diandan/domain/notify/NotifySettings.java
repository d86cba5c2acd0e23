package diandan.domain.notify;

import java.util.Map;

/**
 * A person's own choices: whether WeChat and SMS may reach them, their mini-program openid and their phone
 * for SMS, and how many one-time WeChat subscriptions they accepted per template (each allows one message).
 *
 * @param openId null until the mini-program records it
 * @param phone  null when they gave none
 */
public record NotifySettings(String sub, boolean wechat, boolean sms, String openId, String phone,
                             Map<MessageTemplate, Integer> consents) {
    public NotifySettings {
        consents = Map.copyOf(consents);
    }

    /** What holds for someone who never chose: SMS allowed, to a phone they have not given. */
    public static NotifySettings defaults(String sub) {
        return new NotifySettings(sub, true, true, null, null, Map.of());
    }

    public int consents(MessageTemplate template) {
        return consents.getOrDefault(template, 0);
    }
}
