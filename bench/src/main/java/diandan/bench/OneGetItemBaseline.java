package diandan.bench;

import java.util.Map;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import diandan.adapter.dynamodb.DynamoDb;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The yardstick of cold starts: the functions' SDK set-up and one GetItem, nothing else. */
public abstract class OneGetItemBaseline implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final DynamoDbClient client;
    private final String table = DynamoDb.tableName();

    OneGetItemBaseline(DynamoDbClient client) {
        this.client = client;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        Map<String, AttributeValue> item = client.getItem(b -> b.tableName(table)
                .key(Map.of("pk", AttributeValue.fromS("REGISTRY"), "sk", AttributeValue.fromS("BASELINE")))).item();
        return APIGatewayV2HTTPResponse.builder().withStatusCode(200).withBody(String.valueOf(item.size())).build();
    }
}
