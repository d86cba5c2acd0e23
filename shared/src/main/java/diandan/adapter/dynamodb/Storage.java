package diandan.adapter.dynamodb;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import diandan.port.StorageUnavailableException;
import software.amazon.awssdk.core.SdkBytes;
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
     * The attribute that names one write of an item ({@link #once}): 128 random bits as 16 bytes, short because
     * every copy of a request item pays for it (docs/performance.md).
     */
    static final String WRITE_ID = "wid";

    /**
     * The item, named as this one write of it: a conditional replace that fails its condition then tells, with
     * {@link #holds}, its own write (sent again by the SDK after its answer was lost, the second attempt finding
     * the first's result) from another's, even one that wrote the same values.
     */
    static Map<String, AttributeValue> once(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> named = new HashMap<>(item);
        UUID id = UUID.randomUUID();
        named.put(WRITE_ID, AttributeValue.fromB(SdkBytes.fromByteArray(ByteBuffer.allocate(16)
                .putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).array())));
        return named;
    }

    /** Whether the table holds this very write of the item ({@link #once}). */
    static boolean holds(DynamoDbClient client, String table, Map<String, AttributeValue> written) {
        Map<String, AttributeValue> key = Map.of(Keys.PK, written.get(Keys.PK), Keys.SK, written.get(Keys.SK));
        Map<String, AttributeValue> stored = client.getItem(b -> b.tableName(table).key(key).consistentRead(true)
                .projectionExpression("#w").expressionAttributeNames(Map.of("#w", WRITE_ID))).item();
        return stored != null && written.get(WRITE_ID).equals(stored.get(WRITE_ID));
    }

    static <T> T call(String what, Supplier<T> operation) {
        try {
            return operation.get();
        } catch (ProvisionedThroughputExceededException | RequestLimitExceededException | LimitExceededException
                 | InternalServerErrorException e) {
            throw unavailable(what + ": " + e.getClass().getSimpleName(), e);
        } catch (DynamoDbException e) {
            if (e.statusCode() >= 500 || e.isThrottlingException()) {
                throw unavailable(what + ": status " + e.statusCode(), e);
            }
            throw e;
        } catch (SdkClientException e) {
            throw unavailable(what + ": " + e.getMessage(), e);
        }
    }

    /** The fault, saying whether a write of the current call may have landed ({@link WriteOutcomes}). */
    static StorageUnavailableException unavailable(String message, Throwable cause) {
        return new StorageUnavailableException(message, cause, WriteOutcomes.outcome());
    }
}
