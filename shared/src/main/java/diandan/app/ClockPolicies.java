package diandan.app;

import java.time.Clock;
import java.time.Instant;

import diandan.domain.Access;
import diandan.domain.Caller;
import diandan.domain.Channel;
import diandan.domain.ClockPolicy;
import diandan.domain.Clocks;
import diandan.domain.Problem;
import diandan.domain.Validation;
import diandan.port.ClockPolicyRepository;

/**
 * The clock policy in force: the standard one with the channel overrides admins stored, kept as a snapshot
 * for at most {@link RegistryCache#MAX_AGE} like the registry, so that a submission costs no read for it.
 */
public final class ClockPolicies {
    private final ClockPolicyRepository repository;
    private final Clock clock;
    private ClockPolicy snapshot;
    private Instant loadedAt;

    public ClockPolicies(ClockPolicyRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    public synchronized ClockPolicy current() {
        Instant now = clock.instant();
        if (snapshot == null || !now.isBefore(loadedAt.plus(RegistryCache.MAX_AGE))) {
            snapshot = ClockPolicy.standard().overriddenBy(repository.channelOverrides());
            loadedAt = now;
        }
        return snapshot;
    }

    /** An admin sets the clocks of every new request that comes in through {@code channelCode}. */
    public ClockPolicy setChannel(Caller caller, String channelCode, Integer respondMinutes, Integer replyMinutes,
                                  Integer resolveMinutes) {
        Access.requireAdmin(caller);
        Channel channel = Channel.fromCode(channelCode).orElseThrow(() -> Problem.notFound("channel " + channelCode));
        Validation v = new Validation();
        Clocks clocks = Clocks.checked(v, "clocks", respondMinutes, replyMinutes, resolveMinutes);
        v.throwIfAny();
        repository.putChannel(channel, clocks);
        synchronized (this) {
            snapshot = null;
        }
        return current();
    }
}
