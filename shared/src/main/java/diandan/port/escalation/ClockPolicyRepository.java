package diandan.port.escalation;

import java.util.Map;

import diandan.domain.Channel;
import diandan.domain.Clocks;

/** The clocks admins set per channel, overriding the categories' clocks for that channel's requests. */
public interface ClockPolicyRepository {
    Map<Channel, Clocks> channelOverrides();

    void putChannel(Channel channel, Clocks clocks);
}
