package diandan.adapter.dynamodb;

import static diandan.adapter.dynamodb.Attr.s;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

import diandan.domain.Channel;
import diandan.domain.Clocks;
import diandan.port.escalation.ClockPolicyRepository;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/** Channel clock overrides under one small partition ({@code pk = CLOCK_POLICY}): loading them is one Query. */
public final class DynamoClockPolicyRepository implements ClockPolicyRepository {
    private static final String PARTITION = "CLOCK_POLICY";
    private static final String CHANNEL = "CHANNEL#";

    private final DynamoDbClient client;
    private final String table;

    public DynamoClockPolicyRepository(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
    }

    @Override
    public Map<Channel, Clocks> channelOverrides() {
        // one item per channel: five at most, always one page
        QueryResponse response = Storage.call("read clock policy", () -> client.query(b -> b.tableName(table)
                .keyConditionExpression("pk = :p AND begins_with(sk, :prefix)")
                .expressionAttributeValues(Map.of(":p", s(PARTITION), ":prefix", s(CHANNEL)))));
        Map<Channel, Clocks> overrides = new EnumMap<>(Channel.class);
        for (Map<String, AttributeValue> item : response.items()) {
            Channel.fromCode(Attr.str(item, "channel")).ifPresent(channel -> overrides.put(channel, ClockItems.read(item)));
        }
        return overrides;
    }

    @Override
    public void putChannel(Channel channel, Clocks clocks) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(Keys.PK, s(PARTITION));
        item.put(Keys.SK, s(CHANNEL + channel.code()));
        item.put("channel", s(channel.code()));
        ClockItems.put(item, clocks);
        Storage.call("write clock policy", () -> client.putItem(b -> b.tableName(table).item(item)));
    }
}
