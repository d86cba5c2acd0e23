package diandan.adapter.dynamodb;

import static diandan.adapter.dynamodb.Attr.n;
import static diandan.adapter.dynamodb.Attr.s;

import java.util.HashMap;
import java.util.Map;

import diandan.port.menu.ProjectRatings;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The ratings of a project's orders as items {@code PRATE#<projectId>} / {@code <yyyy-MM>}: {@code ratings},
 * {@code scoreSum}, and {@code R#<requestId>} per rating added, which makes adding one again fail its condition.
 * A month per item keeps each item small; a project's tally reads its partition.
 */
public final class DynamoProjectRatings implements ProjectRatings {
    private final DynamoDbClient client;
    private final String table;

    public DynamoProjectRatings(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
    }

    @Override
    public void record(String projectId, String period, String requestId, int score) {
        Storage.call("tally project rating", () -> {
            try {
                client.updateItem(b -> b.tableName(table)
                        .key(Map.of(Keys.PK, s("PRATE#" + projectId), Keys.SK, s(period)))
                        .updateExpression("SET #r = :score ADD ratings :one, scoreSum :score")
                        .conditionExpression("attribute_not_exists(#r)")
                        .expressionAttributeNames(Map.of("#r", "R#" + requestId))
                        .expressionAttributeValues(Map.of(":score", n(score), ":one", n(1))));
            } catch (ConditionalCheckFailedException counted) {
                // added before: by the call that rated it, or a repair of it
            }
            return null;
        });
    }

    @Override
    public Tally tally(String projectId) {
        long ratings = 0;
        long sum = 0;
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = Storage.call("read project ratings", () -> client.query(b -> b.tableName(table)
                    .keyConditionExpression("#p = :p").expressionAttributeNames(new HashMap<>(Map.of("#p", Keys.PK,
                            "#n", "ratings", "#s", "scoreSum")))
                    .expressionAttributeValues(Map.of(":p", s("PRATE#" + projectId)))
                    .projectionExpression("#n, #s").consistentRead(true).exclusiveStartKey(from)));
            for (Map<String, AttributeValue> month : page.items()) {
                ratings += Long.parseLong(month.get("ratings").n());
                sum += Long.parseLong(month.get("scoreSum").n());
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return ratings == 0 ? Tally.NONE : new Tally(ratings, sum);
    }
}
