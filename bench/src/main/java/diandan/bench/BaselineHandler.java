package diandan.bench;

import diandan.adapter.dynamodb.DynamoDb;

/** The baseline on the functions' own client: {@link DynamoDb#fromEnvironment()} (url-connection). */
public final class BaselineHandler extends OneGetItemBaseline {
    public BaselineHandler() {
        super(DynamoDb.fromEnvironment());
    }
}
