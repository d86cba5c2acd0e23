package diandan.port.points;

import java.util.List;
import java.util.Optional;

import diandan.domain.points.Merchant;
import diandan.domain.points.MerchantItem;

/** Merchants and their items (not their stock: that is a count log). */
public interface MerchantStore {
    /** Stores the merchant unless its id exists; returns the stored one. */
    Merchant create(Merchant merchant);

    Optional<Merchant> merchant(String id);

    List<Merchant> merchants();

    void saveItem(MerchantItem item);

    Optional<MerchantItem> item(String merchantId, String itemId);

    List<MerchantItem> items(String merchantId);
}
