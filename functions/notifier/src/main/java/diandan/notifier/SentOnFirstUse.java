package diandan.notifier;

import java.util.function.Supplier;

import diandan.domain.notify.ChannelChoice;
import diandan.domain.notify.Notice;
import diandan.port.notify.MessageSender;

/**
 * A channel whose sender is made when its first message is sent, not at init: an SDK client's build loads a few
 * hundred classes (SNS's alone about 240), which a container's first event rarely needs (most of its people are
 * held for quiet hours, or unreachable) and which would otherwise weigh on every cold start. Made once, then kept.
 */
final class SentOnFirstUse implements MessageSender {
    private final Supplier<MessageSender> make;
    private volatile MessageSender made;

    SentOnFirstUse(Supplier<MessageSender> make) {
        this.make = make;
    }

    @Override
    public String send(ChannelChoice.Route route, Notice notice) {
        return sender().send(route, notice);
    }

    private MessageSender sender() {
        MessageSender current = made;
        if (current == null) {
            synchronized (this) {
                current = made;
                if (current == null) {
                    current = make.get();
                    made = current;
                }
            }
        }
        return current;
    }
}
