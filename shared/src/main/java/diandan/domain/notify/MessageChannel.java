package diandan.domain.notify;

import diandan.domain.Codes;

/** How a message reaches a person. */
public enum MessageChannel {
    /** A mini-program subscription message: one per consent the person gave for its template. */
    WECHAT("WeChat"),
    /** A text message to a phone. */
    SMS("SMS");

    /** How the timeline names it. */
    public final String words;

    MessageChannel(String words) {
        this.words = words;
    }

    public String code() {
        return Codes.of(this);
    }
}
