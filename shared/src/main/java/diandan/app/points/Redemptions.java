package diandan.app.points;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.Supplier;

import diandan.app.IdempotencyKey;
import diandan.app.registry.RegistryCache;
import diandan.app.stars.StarLevelService;
import diandan.domain.Access;
import diandan.domain.Caller;
import diandan.domain.Ids;
import diandan.domain.Problem;
import diandan.domain.hours.Periods;
import diandan.domain.hours.TallyKey;
import diandan.domain.hours.TallyScope;
import diandan.domain.points.Merchant;
import diandan.domain.points.MerchantItem;
import diandan.domain.points.Redemption;
import diandan.port.hours.TallyRepository;
import diandan.port.points.RedemptionStore;

/**
 * Redeeming points for a merchant's item, without transactions (docs/points.md, "Redeeming"). The redemption is
 * stored first (its id derived from the caller and the Idempotency-Key), then two steps each done at most once:
 * {@code redeem#<id>} takes the points from the volunteer's ledger, {@code take#<id>} one from the item's stock;
 * then it is settled DONE, or REFUSED when either step found too little. A refused redemption gives back whatever
 * of it was taken ({@code refund#<id>}, {@code return#<id>}), also once. Whoever finds a redemption unsettled (the
 * same call retried, two at once, or the schedule) runs the same steps again, so a call stopped between any two
 * writes is finished or undone by its replay, or by the schedule once it is abandoned ({@link #finishAbandoned}).
 * Certified hours and tallies are never touched.
 */
public final class Redemptions {
    /**
     * A redemption still open this long after its call began is abandoned, and the schedule finishes it: a call
     * ends within the function's timeout (a minute), so one still running is not raced in the ordinary course
     * (racing would be safe: every step is written once); with the schedule every 5 minutes, an abandoned
     * redemption is finished within 15.
     */
    public static final Duration ABANDONED_AFTER = Duration.ofMinutes(10);
    /** Abandoned redemptions finished per run of the schedule; more wait for the next. */
    static final int FINISH_BATCH = 100;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Six random digits: the hand-over code of a deployment. */
    public static final Supplier<String> RANDOM_CODES = () -> String.format("%06d", RANDOM.nextInt(1_000_000));

    /** A redemption as one caller sees it: with its hand-over code, or without. */
    public record Shown(Redemption redemption, boolean withCode) {
    }

    private final RedemptionStore store;
    private final Merchants merchants;
    private final PointsAccounts accounts;
    private final PointsRuleService rules;
    private final StarLevelService stars;
    private final TallyRepository tallies;
    private final RegistryCache registry;
    private final Supplier<String> codes;
    private final Clock clock;

    public Redemptions(RedemptionStore store, Merchants merchants, PointsAccounts accounts, PointsRuleService rules,
                       StarLevelService stars, TallyRepository tallies, RegistryCache registry,
                       Supplier<String> codes, Clock clock) {
        this.store = store;
        this.merchants = merchants;
        this.accounts = accounts;
        this.rules = rules;
        this.stars = stars;
        this.tallies = tallies;
        this.registry = registry;
        this.codes = codes;
        this.clock = clock;
    }

    /** Redeems, or answers the redemption this key made before: its receipt, or the same refusal (409). */
    public Redemption redeem(Caller caller, String key, String merchantId, String itemId) {
        String volunteer = Access.requireRedeemer(caller);
        if (key == null) {
            throw new Problem(Problem.Kind.BAD_REQUEST, "Idempotency-Key is required: a retried redemption must "
                    + "find the first one");
        }
        String id = IdempotencyKey.id("rd", caller, key, clock.instant());
        Redemption stored = store.find(id).orElseGet(() -> store.create(asked(volunteer, id, merchantId, itemId)));
        IdempotencyKey.requireSameBody(stored.merchantId() + "/" + stored.itemId(), merchantId + "/" + itemId,
                "another item", "a new redemption");
        Redemption r = finish(stored);
        store.closed(r.id(), r.at());
        if (r.state() != Redemption.State.DONE) {
            throw Problem.conflict(r.refusal());
        }
        return r;
    }

    /**
     * Finishes the redemptions whose call stopped before finishing them and whose client has not replayed them
     * ({@link #ABANDONED_AFTER}), as a replay would: each is settled, or refused and given back, once, whoever else
     * finishes it at the same moment. A note whose redemption was never stored is dropped: its call ended long ago.
     * Run on the hours schedule.
     *
     * @return how many stored redemptions it finished (or found finished)
     */
    public int finishAbandoned() {
        int finished = 0;
        for (RedemptionStore.Open open : store.openBefore(clock.instant().minus(ABANDONED_AFTER), FINISH_BATCH)) {
            Optional<Redemption> stored = store.find(open.id());
            stored.ifPresent(this::finish);
            store.closed(open.id(), open.at());
            finished += stored.isPresent() ? 1 : 0;
        }
        return finished;
    }

    private Redemption asked(String volunteer, String id, String merchantId, String itemId) {
        Merchant merchant = merchants.merchant(merchantId);
        MerchantItem item = Optional.ofNullable(itemId).flatMap(i -> merchants.item(merchant.id(), i))
                .orElseThrow(() -> Problem.notFound("item " + itemId));
        int level = stars.current().levelOf(tallies.tally(TallyKey.of(TallyScope.VOLUNTEER, volunteer, Periods.ALL))
                .halfHours());
        int from = rules.current().fromLevel();
        if (level < from) {
            throw Problem.forbidden("points are redeemed from star level " + from + "; you hold " + level);
        }
        return new Redemption(id, volunteer, merchant.id(), item.itemId(), item.name(), item.points(), codes.get(),
                Redemption.State.PENDING, null, accounts.count().latestSeq(PointsAccounts.log(volunteer)),
                merchants.count().latestSeq(Merchants.stockLog(merchant.id(), item.itemId())), clock.instant(),
                null, null);
    }

    /**
     * The replay rule, for whoever finds a redemption (its call, a replay, the schedule): pending, its steps run
     * again (each found done or done now) and it is settled; refused, whatever of it was taken is given back.
     */
    private Redemption finish(Redemption stored) {
        Redemption r = stored.state() == Redemption.State.PENDING ? takeAndSettle(stored) : stored;
        if (r.state() != Redemption.State.DONE) {
            giveBack(r, PointsAccounts.log(r.volunteerId()), accounts.count(), "redeem#", "refund#", "refunded",
                    r.points(), r.pointsSince());
            giveBack(r, Merchants.stockLog(r.merchantId(), r.itemId()), merchants.count(), "take#", "return#",
                    "returned", 1, r.stockSince());
        }
        return r;
    }

    /** The two steps, then the settlement; whoever settles first decides, and the stored state is returned. */
    private Redemption takeAndSettle(Redemption r) {
        String points = PointsAccounts.log(r.volunteerId());
        String stock = Merchants.stockLog(r.merchantId(), r.itemId());
        boolean paid = !accounts.count().once(points, "redeem#" + r.id(), e -> e.seq() <= r.pointsSince(),
                balance -> Optional.of(new ExactCount.Change("redeemed", -r.points(), 0, r.id()))).refused();
        boolean taken = paid && !merchants.count().once(stock, "take#" + r.id(), e -> e.seq() <= r.stockSince(),
                left -> Optional.of(new ExactCount.Change("taken", -1, 0, r.id()))).refused();
        store.settle(r.id(), taken ? Redemption.State.DONE : Redemption.State.REFUSED,
                taken ? null : paid ? "the item is out of stock" : "not enough points");
        return store.find(r.id()).orElseThrow();
    }

    /** Gives back, once, what a refused redemption's step took, if it took anything (a step may even land late). */
    private static void giveBack(Redemption r, String log, ExactCount count, String took, String back, String kind,
                                 long amount, long since) {
        if (count.find(log, took + r.id(), e -> e.seq() <= since).isPresent()) {
            count.once(log, back + r.id(), e -> e.seq() <= since,
                    now -> Optional.of(new ExactCount.Change(kind, amount, 0, r.id())));
        }
    }

    /**
     * A redemption as it stands ({@code GET /redemptions/{id}}), for whoever reads the volunteer's points and the
     * admins of the merchant's area; anyone else gets the 404 of a redemption that does not exist.
     */
    public Shown receipt(Caller caller, String id) {
        return (Ids.isWellFormed(id) ? store.find(id) : Optional.<Redemption>empty())
                .filter(r -> Access.seesRedemption(caller, accounts.readableBy(caller, r.volunteerId()),
                        merchants.merchant(r.merchantId()).areaId(), registry.get()))
                .map(r -> new Shown(r, Access.seesHandOverCode(caller, r.volunteerId())))
                .orElseThrow(() -> Problem.notFound("redemption " + id));
    }

    /** The merchant's hand-over, confirmed by an admin of its area with the code the volunteer shows. */
    public Redemption handOver(Caller caller, String id, String code) {
        Redemption r = (Ids.isWellFormed(id) ? store.find(id) : Optional.<Redemption>empty())
                .orElseThrow(() -> Problem.notFound("redemption " + id));
        Access.requireMerchantAdmin(caller, merchants.merchant(r.merchantId()).areaId(), registry.get());
        if (code == null || !code.equals(r.code())) {
            throw Problem.invalid("code", "is not this redemption's code");
        }
        if (r.state() != Redemption.State.DONE) {
            throw Problem.conflict("redemption " + id + " was refused: nothing to hand over");
        }
        Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS); // as the store keeps times
        if (!store.handOver(id, caller.sub(), at)) {
            throw Problem.conflict("redemption " + id + " was handed over already");
        }
        // the write's condition held: the redemption is the one read (done, the rest never changes), handed over
        return r.handedOver(caller.sub(), at);
    }
}
