package diandan.domain;

import java.util.Locale;
import java.util.Optional;

/** How a request came in. */
public enum Channel {
    APP, MINI_PROGRAM, HOTLINE, WISH_WALL, WALK_IN;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Channel> fromCode(String code) {
        for (Channel channel : values()) {
            if (channel.code().equals(code)) {
                return Optional.of(channel);
            }
        }
        return Optional.empty();
    }

    /** Channels a desk operator uses on a resident's behalf; the others are the resident's own. */
    public boolean isOperated() {
        return this == HOTLINE || this == WALK_IN;
    }
}
