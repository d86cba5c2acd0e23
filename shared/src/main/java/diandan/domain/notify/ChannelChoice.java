package diandan.domain.notify;

import java.util.ArrayList;
import java.util.List;

/**
 * The ways to reach a recipient, best first: WeChat while they allow it and have a subscription left for the
 * template, then SMS where they allow it. A failed WeChat message falls back to the next way. A resident's SMS
 * goes to their own phone: the one in their settings, else the request's contact phone, which serves only
 * that resident's messages; anyone else is reached by SMS only on the phone they gave.
 */
public final class ChannelChoice {
    /** One way: the channel and the address on it (an openid or a phone). */
    public record Route(MessageChannel channel, String address) {
        @Override
        public String toString() {
            return "Route[" + channel + "]";
        }
    }

    private ChannelChoice() {
    }

    /**
     * @param contactPhone the phone the desk knows for the recipient themself (a request's contact for its
     *                     resident, the registry's phone for a volunteer): used for that person's own messages only
     */
    public static List<Route> routes(Notice notice, NotifySettings settings, String contactPhone) {
        List<Route> routes = new ArrayList<>();
        if (settings.wechat() && settings.openId() != null && settings.consents(notice.template()) > 0) {
            routes.add(new Route(MessageChannel.WECHAT, settings.openId()));
        }
        String phone = settings.phone() != null ? settings.phone()
                : notice.to().role().ownPhone ? contactPhone : null;
        if (settings.sms() && phone != null && !phone.isBlank()) {
            routes.add(new Route(MessageChannel.SMS, phone));
        }
        return routes;
    }
}
