package diandan.app.escalation;

import java.time.Clock;

import diandan.app.Snapshot;
import diandan.domain.Access;
import diandan.domain.Caller;
import diandan.domain.Channel;
import diandan.domain.ClockPolicy;
import diandan.domain.Clocks;
import diandan.domain.Problem;
import diandan.domain.Validation;
import diandan.port.escalation.ClockPolicyRepository;

/**
 * The clock policy in force: the standard one with the channel overrides admins stored, kept as a snapshot
 * as a {@link Snapshot} like the registry, so that a submission costs no read for it.
 */
public final class ClockPolicies {
    private final ClockPolicyRepository repository;
    private final Snapshot<ClockPolicy> snapshot;

    public ClockPolicies(ClockPolicyRepository repository, Clock clock) {
        this.repository = repository;
        this.snapshot = new Snapshot<>(() -> ClockPolicy.standard().overriddenBy(repository.channelOverrides()), clock);
    }

    public ClockPolicy current() {
        return snapshot.get();
    }

    /** An admin sets the clocks of every new request that comes in through {@code channelCode}. */
    public ClockPolicy setChannel(Caller caller, String channelCode, Clocks.Form form) {
        Access.requireAdmin(caller);
        Channel channel = Channel.fromCode(channelCode).orElseThrow(() -> Problem.notFound("channel " + channelCode));
        Validation v = new Validation();
        Clocks clocks = Clocks.checked(v, "clocks", form);
        v.throwIfAny();
        repository.putChannel(channel, clocks);
        snapshot.invalidate();
        return current();
    }
}
