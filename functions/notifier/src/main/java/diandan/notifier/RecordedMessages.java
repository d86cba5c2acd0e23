package diandan.notifier;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;

import com.fasterxml.jackson.databind.node.ObjectNode;

import diandan.adapter.json.Json;
import diandan.domain.Ids;
import diandan.domain.PhoneNumbers;
import diandan.domain.notify.ChannelChoice;
import diandan.domain.notify.MessageChannel;
import diandan.domain.notify.Notice;
import diandan.port.notify.MessageSender;

/**
 * The local stack's channels ({@code NOTIFY_RECORD_FILE}): every message it would send is appended to a JSON
 * Lines file instead, one object per message, {@code {id, at, channel, template, to: {sub?, phone?}, requestId,
 * text}}, the phone masked and the openid left out. The local stack serves the file at {@code /_local/messages}.
 */
final class RecordedMessages implements MessageSender {
    private final Path file;
    private final MessageChannel channel;
    private final Clock clock;

    RecordedMessages(Path file, MessageChannel channel, Clock clock) {
        this.file = file;
        this.channel = channel;
        this.clock = clock;
    }

    @Override
    public String send(ChannelChoice.Route route, Notice notice) {
        String id = Ids.newId("m", clock.instant());
        ObjectNode line = Json.object();
        line.put("id", id);
        line.put("at", clock.instant().toString());
        line.put("channel", channel.code());
        line.put("template", notice.template().code());
        ObjectNode to = line.putObject("to");
        to.put("role", notice.to().role().code());
        if (notice.to().sub() != null) {
            to.put("sub", notice.to().sub());
        }
        if (channel == MessageChannel.SMS) {
            to.put("phone", PhoneNumbers.mask(route.address()));
        }
        line.put("requestId", notice.event().requestId());
        line.put("text", notice.text());
        byte[] bytes = (Json.write(line) + "\n").getBytes(StandardCharsets.UTF_8);
        // one write per line, appended: lines of concurrent runs never interleave within a line
        synchronized (RecordedMessages.class) {
            try {
                Files.createDirectories(file.toAbsolutePath().getParent());
                Files.write(file, bytes, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot record a message in " + file, e);
            }
        }
        return id;
    }
}
