package diandan.app.points;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import diandan.app.IdempotencyKey;
import diandan.app.PageSize;
import diandan.app.registry.RegistryCache;
import diandan.domain.Access;
import diandan.domain.Caller;
import diandan.domain.Ids;
import diandan.domain.Problem;
import diandan.domain.Validation;
import diandan.domain.points.Merchant;
import diandan.domain.points.MerchantItem;
import diandan.port.Page;
import diandan.port.points.MerchantStore;

/**
 * Merchants (爱心超市) and their items, managed by the admins of the merchant's area; anyone signed in reads them.
 * An item's stock is a count log ({@link ExactCount}): an admin sets it, redemptions take from it, each exactly.
 */
public final class Merchants {
    /** An item as offered: its stock now. */
    public record Offer(MerchantItem item, long stock) {
    }

    private static final String STOCK = "STOCK#";

    private final MerchantStore store;
    private final ExactCount count;
    private final RegistryCache registry;
    private final Clock clock;

    public Merchants(MerchantStore store, ExactCount count, RegistryCache registry, Clock clock) {
        this.store = store;
        this.count = count;
        this.registry = registry;
        this.clock = clock;
    }

    static String stockLog(String merchantId, String itemId) {
        return STOCK + merchantId + "#" + itemId;
    }

    ExactCount count() {
        return count;
    }

    public Merchant create(Caller caller, String key, String name, String areaId) {
        Access.requireMerchantAdmin(caller, areaId, registry.get());
        registry.get().requireArea("areaId", areaId);
        Validation v = new Validation();
        String checkedName = v.requiredText("name", name, Merchant.MAX_NAME);
        v.throwIfAny();
        Merchant merchant = new Merchant(IdempotencyKey.id("m", caller, key, clock.instant()), checkedName, areaId);
        Merchant stored = store.create(merchant);
        IdempotencyKey.requireSameBody(stored, merchant, "a different merchant", "a new merchant");
        return stored;
    }

    /** A merchant of a deployment's first data (the local demo), under the id it is known by. */
    public Merchant seed(Merchant merchant) {
        return store.create(merchant);
    }

    /** A page of the merchants: {@code limit} (default and bounds of every list) after the opaque cursor. */
    public Page<Merchant> list(String limitText, String cursor) {
        Validation v = new Validation();
        int limit = PageSize.of(v, limitText);
        v.throwIfAny();
        return store.merchants(limit, cursor);
    }

    public Merchant merchant(String id) {
        return (Ids.isWellFormed(id) ? store.merchant(id) : Optional.<Merchant>empty())
                .orElseThrow(() -> Problem.notFound("merchant " + id));
    }

    Optional<MerchantItem> item(String merchantId, String itemId) {
        return MerchantItem.isWellFormedId(itemId) ? store.item(merchantId, itemId) : Optional.empty();
    }

    /** The merchant's items with their stock now, all stocks read together (not one log after another). */
    public List<Offer> offers(String merchantId) {
        List<MerchantItem> items = store.items(merchant(merchantId).id());
        Map<String, Long> stock = count.totals(items.stream().map(i -> stockLog(merchantId, i.itemId())).toList());
        return items.stream().map(i -> new Offer(i, stock.get(stockLog(merchantId, i.itemId())))).toList();
    }

    /** Stock logs are read many at a time ({@link #offers}): they keep a head, which the points ledgers do not need. */
    public static boolean readTogether(String log) {
        return log.startsWith(STOCK);
    }

    /**
     * Creates or replaces an item and sets its stock: the step writes the difference to the stock as it is at that
     * moment, so redemptions meanwhile are neither lost nor undone.
     */
    public Offer putItem(Caller caller, String merchantId, String itemId, String name, Integer points, Integer stock) {
        Merchant merchant = merchant(merchantId);
        Access.requireMerchantAdmin(caller, merchant.areaId(), registry.get());
        MerchantItem item = MerchantItem.of(merchantId, itemId, name, points);
        long wanted = MerchantItem.stock(stock);
        store.saveItem(item);
        ExactCount.Outcome set = count.once(stockLog(merchantId, itemId), "set#" + Ids.newId("s", clock.instant()),
                e -> true, now -> Optional.of(new ExactCount.Change("stocked", wanted - now, 0, caller.sub())));
        return new Offer(item, set.total());
    }
}
