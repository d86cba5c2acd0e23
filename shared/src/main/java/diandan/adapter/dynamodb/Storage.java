package diandan.adapter.dynamodb;

import java.util.function.Supplier;

import diandan.port.StorageUnavailableException;
import software.amazon.awssdk.core.exception.SdkClientException;
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
