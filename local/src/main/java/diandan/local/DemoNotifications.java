package diandan.local;

import java.util.List;
import java.util.Map;

import diandan.adapter.dynamodb.DynamoNotifySettingsStore;
import diandan.adapter.dynamodb.DynamoRegistryRepository;
import diandan.domain.Team;
import diandan.domain.notify.NotifySettings;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The demo's notification settings: every team leader takes SMS on a made-up number of the 139 0000 range (so
 * that a submission's message to the leader shows at once in the stack's messages file), and the walk-through's
 * dispatcher follows the escalations of 新北社区 and 渭阳街道.
 */
final class DemoNotifications {
    static final String DISPATCHER = "dispatcher-wang";

    private DemoNotifications() {
    }

    static void load(DynamoDbClient client, String table) {
        DynamoNotifySettingsStore settings = new DynamoNotifySettingsStore(client, table);
        List<Team> teams = new DynamoRegistryRepository(client, table).contents().teams();
        int number = 0;
        for (Team team : teams) {
            for (String leader : team.leaders()) {
                settings.save(new NotifySettings(leader, false, true, null, String.format("1390000%04d", ++number),
                        Map.of()));
            }
        }
        settings.save(new NotifySettings(DISPATCHER, false, true, null, "13900009999", Map.of()));
        settings.followArea(DISPATCHER, "xinbei", true);
        settings.followArea(DISPATCHER, "weiyang", true);
    }
}
