package diandan.adapter.http;

import com.fasterxml.jackson.databind.node.ObjectNode;

import diandan.adapter.json.Json;
import diandan.app.points.Merchants;
import diandan.app.points.PointsAccounts;
import diandan.domain.Codes;
import diandan.domain.points.LogEntry;
import diandan.domain.points.Merchant;
import diandan.domain.points.Redemption;

/** The API's JSON shapes for points (docs/api.md): merchants, items, receipts, the ledger. */
public final class PointsViews {
    private PointsViews() {
    }

    public static ObjectNode merchant(Merchant merchant) {
        ObjectNode json = Json.object();
        json.put("id", merchant.id());
        json.put("name", merchant.name());
        json.put("areaId", merchant.areaId());
        return json;
    }

    public static ObjectNode offer(Merchants.Offer offer) {
        ObjectNode json = Json.object();
        json.put("merchantId", offer.item().merchantId());
        json.put("itemId", offer.item().itemId());
        json.put("name", offer.item().name());
        json.put("points", offer.item().points());
        json.put("stock", offer.stock());
        return json;
    }

    /** The receipt: what was redeemed, for how many points, when, and the code shown at the hand-over. */
    public static ObjectNode receipt(Redemption r) {
        return receipt(r, true);
    }

    /**
     * The receipt as above, with where it stands ({@code handedOver}, the refusal's reason); the code only when
     * {@code withCode} (the redeeming volunteer's own view).
     */
    public static ObjectNode receipt(Redemption r, boolean withCode) {
        ObjectNode json = Json.object();
        json.put("id", r.id());
        if (withCode) {
            json.put("code", r.code());
        }
        json.put("merchantId", r.merchantId());
        json.put("itemId", r.itemId());
        json.put("item", r.itemName());
        json.put("points", r.points());
        json.put("at", r.at().toString());
        json.put("state", Codes.of(r.state()));
        json.put("volunteerId", r.volunteerId());
        json.put("handedOver", r.handedOverAt() != null);
        if (r.refusal() != null) {
            json.put("refusal", r.refusal());
        }
        if (r.handedOverAt() != null) {
            json.put("handedOverAt", r.handedOverAt().toString());
            json.put("handedOverBy", r.handedOverBy());
        }
        return json;
    }

    public static ObjectNode statement(PointsAccounts.Statement statement) {
        ObjectNode json = Views.page(statement.entries(), PointsViews::entry);
        json.put("volunteerId", statement.volunteerId());
        json.put("balance", statement.balance());
        return json;
    }

    private static ObjectNode entry(LogEntry entry) {
        ObjectNode json = Json.object();
        json.put("seq", entry.seq());
        json.put("kind", entry.kind());
        json.put("points", entry.amount());
        json.put("balance", entry.total());
        json.put("ref", entry.ref());
        json.put("at", entry.at().toString());
        return json;
    }
}
