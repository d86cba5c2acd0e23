package diandan.local;

import java.time.Clock;
import java.util.EnumSet;

import diandan.adapter.HoursWiring;
import diandan.adapter.dynamodb.DynamoRedemptionStore;
import diandan.app.points.Redemptions;
import diandan.domain.Caller;
import diandan.domain.Role;
import diandan.domain.points.Merchant;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The demo district's points: a rule earning from the first hour, the love supermarket of community xinbei with
 * two items, v0105 with points to spend and one redemption (hand-over code 246810) waiting to be handed over, as
 * events/hand-over-redemption.json names it.
 */
final class DemoPoints {
    static final String MERCHANT = "m-xinbei";
    static final String VOLUNTEER = "v0105";
    static final String HAND_OVER_CODE = "246810";

    private DemoPoints() {
    }

    static void load(DynamoDbClient client, String table) {
        Clock clock = Clock.systemUTC();
        HoursWiring hours = new HoursWiring(client, table, clock);
        Caller admin = new Caller("demo-admin", EnumSet.of(Role.ADMIN), null, null, null);
        hours.pointsRule.set(admin, 1, 10_000, 0);
        hours.merchants.seed(new Merchant(MERCHANT, "新北社区爱心超市", "xinbei"));
        hours.merchants.putItem(admin, MERCHANT, "soap", "洗衣皂", 5, 50);
        hours.merchants.putItem(admin, MERCHANT, "rice-5kg", "大米 5 公斤", 30, 20);
        hours.points.seed(VOLUNTEER, 120, "demo");
        Redemptions redemptions = new Redemptions(new DynamoRedemptionStore(client, table), hours.merchants,
                hours.points, hours.pointsRule, hours.stars, hours.tallyStore, hours.base.registry,
                () -> HAND_OVER_CODE, clock);
        redemptions.redeem(new Caller("u-volunteer-" + VOLUNTEER, EnumSet.of(Role.VOLUNTEER), null, null, VOLUNTEER),
                "demo", MERCHANT, "soap");
    }
}
