package diandan.domain;

import java.util.Optional;

/** How a request came in. */
public enum Channel {
    APP, MINI_PROGRAM, HOTLINE, WISH_WALL, WALK_IN;

    public String code() {
        return Codes.of(this);
    }

    public static Optional<Channel> fromCode(String code) {
        return Codes.parse(Channel.class, code);
    }

    /** Channels a desk operator uses on a resident's behalf; the others are the resident's own. */
    public boolean isOperated() {
        return this == HOTLINE || this == WALK_IN;
    }
}
