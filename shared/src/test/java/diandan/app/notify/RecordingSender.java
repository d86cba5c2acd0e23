package diandan.app.notify;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import diandan.devkit.PrivateDataAudit;
import diandan.domain.notify.ChannelChoice;
import diandan.domain.notify.MessageChannel;
import diandan.domain.notify.Notice;
import diandan.port.notify.MessageSender;

/** A channel as a list of what was sent on it; {@code failing} makes it refuse. Bodies go to the audit. */
final class RecordingSender implements MessageSender {
    record Sent(MessageChannel channel, String address, Notice notice) {
    }

    final MessageChannel channel;
    final List<Sent> sent = new CopyOnWriteArrayList<>();
    volatile boolean failing;

    RecordingSender(MessageChannel channel) {
        this.channel = channel;
    }

    @Override
    public String send(ChannelChoice.Route route, Notice notice) {
        if (failing) {
            throw new SendFailedException(channel + " down", null);
        }
        PrivateDataAudit.outgoing("message body", notice.text());
        sent.add(new Sent(route.channel(), route.address(), notice));
        return channel.code() + "-" + sent.size();
    }
}
