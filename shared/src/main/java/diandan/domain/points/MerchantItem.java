package diandan.domain.points;

import diandan.domain.Problem;
import diandan.domain.Validation;

/** Something a merchant gives for points: its price in whole points (its stock is counted apart, exactly). */
public record MerchantItem(String merchantId, String itemId, String name, long points) {
    public static final long MAX_POINTS = 1_000_000;
    public static final long MAX_STOCK = 1_000_000;

    /** The item an admin gives, checked (422 naming the field otherwise). */
    public static MerchantItem of(String merchantId, String itemId, String name, Integer points) {
        if (!isWellFormedId(itemId)) {
            throw Problem.invalid("itemId", "must be 1 to 40 lower-case letters, digits or hyphens");
        }
        Validation v = new Validation();
        String checkedName = v.requiredText("name", name, Merchant.MAX_NAME);
        v.throwIfAny();
        if (points == null || points < 1 || points > MAX_POINTS) {
            throw Problem.invalid("points", "must be a whole number from 1 to " + MAX_POINTS);
        }
        return new MerchantItem(merchantId, itemId, checkedName, points);
    }

    /** Whether an item may have this id: a guard for look-ups too, since the id is part of the item's key. */
    public static boolean isWellFormedId(String itemId) {
        return itemId != null && itemId.matches("[a-z0-9-]{1,40}");
    }

    /** The stock an admin sets (422 otherwise). */
    public static long stock(Integer stock) {
        if (stock == null || stock < 0 || stock > MAX_STOCK) {
            throw Problem.invalid("stock", "must be a whole number from 0 to " + MAX_STOCK);
        }
        return stock;
    }
}
