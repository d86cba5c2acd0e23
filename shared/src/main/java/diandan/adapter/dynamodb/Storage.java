package diandan.adapter.dynamodb;

import java.util.Map;
import java.util.function.Supplier;

import diandan.port.StorageUnavailableException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.InternalServerErrorException;
import software.amazon.awssdk.services.dynamodb.model.LimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException;

/**
 * Runs one storage call and turns the store's faults (unreachable, timed out, throttled, failing) into
 * {@link StorageUnavailableException}, which the API answers with 503. Conditional-check failures are left to
 * the caller: they are answers, not faults.
 */
final class Storage {
    private Storage() {
    }

    /**
     * Whether the table holds exactly {@code item}. When a conditional write fails its condition, this tells our
     * own write from another's: a write whose answer was lost on the way back is sent again by the SDK, and the
     * second attempt finds the first one's result.
     */
    static boolean holds(DynamoDbClient client, String table, Map<String, AttributeValue> item) {
        Map<String, AttributeValue> key = Map.of(Keys.PK, item.get(Keys.PK), Keys.SK, item.get(Keys.SK));
        return item.equals(client.getItem(b -> b.tableName(table).key(key).consistentRead(true)).item());
    }

    static <T> T call(String what, Supplier<T> operation) {
        try {
            return operation.get();
        } catch (ProvisionedThroughputExceededException | RequestLimitExceededException | LimitExceededException
                 | InternalServerErrorException e) {
            throw new StorageUnavailableException(what + ": " + e.getClass().getSimpleName(), e);
        } catch (DynamoDbException e) {
            if (e.statusCode() >= 500 || e.isThrottlingException()) {
                throw new StorageUnavailableException(what + ": status " + e.statusCode(), e);
            }
            throw e;
        } catch (SdkClientException e) {
            throw new StorageUnavailableException(what + ": " + e.getMessage(), e);
        }
    }
}
