package diandan.port.points;

import java.util.List;
import java.util.Optional;

import diandan.domain.points.Merchant;
import diandan.domain.points.MerchantItem;
import diandan.port.Page;

/** Merchants and their items (not their stock: that is a count log). */
public interface MerchantStore {
    /** Stores the merchant unless its id exists; returns the stored one. */
    Merchant create(Merchant merchant);

    Optional<Merchant> merchant(String id);

    /** One page of the merchants in id order, after the page the cursor ends (400 for a cursor not of this list). */
    Page<Merchant> merchants(int limit, String cursor);

    void saveItem(MerchantItem item);

    Optional<MerchantItem> item(String merchantId, String itemId);

    List<MerchantItem> items(String merchantId);
}
