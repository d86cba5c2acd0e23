package diandan.bench;

import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * Asks the engine for the capacity every call consumes ({@code ReturnConsumedCapacity=TOTAL}) and adds it
 * up, with the number of calls and of items read: what each operation costs, as DynamoDB would bill it.
 */
public final class CapacityMeter implements ExecutionInterceptor {
    private final DoubleAdder readUnits = new DoubleAdder();
    private final DoubleAdder writeUnits = new DoubleAdder();
    private final LongAdder calls = new LongAdder();
    private final LongAdder itemsRead = new LongAdder();

    public record Reading(double readUnits, double writeUnits, long calls, long itemsRead) {
        public Reading minus(Reading before) {
            return new Reading(readUnits - before.readUnits, writeUnits - before.writeUnits, calls - before.calls,
                    itemsRead - before.itemsRead);
        }
    }

    public Reading read() {
        return new Reading(readUnits.sum(), writeUnits.sum(), calls.sum(), itemsRead.sum());
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        calls.increment();
        if (request instanceof GetItemRequest r) {
            return r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        } else if (request instanceof PutItemRequest r) {
            return r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        } else if (request instanceof UpdateItemRequest r) {
            return r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        } else if (request instanceof DeleteItemRequest r) {
            return r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        } else if (request instanceof QueryRequest r) {
            return r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        } else if (request instanceof BatchGetItemRequest r) {
            return r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        } else if (request instanceof BatchWriteItemRequest r) {
            return r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        }
        return request;
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        Object response = context.response();
        if (response instanceof GetItemResponse r) {
            read(r.consumedCapacity());
            itemsRead.add(r.hasItem() ? 1 : 0);
        } else if (response instanceof QueryResponse r) {
            read(r.consumedCapacity());
            itemsRead.add(r.scannedCount() == null ? 0 : r.scannedCount());
        } else if (response instanceof PutItemResponse r) {
            write(r.consumedCapacity());
        } else if (response instanceof UpdateItemResponse r) {
            write(r.consumedCapacity());
        } else if (response instanceof DeleteItemResponse r) {
            write(r.consumedCapacity());
        } else if (response instanceof BatchGetItemResponse r) {
            r.consumedCapacity().forEach(this::read);
            r.responses().values().forEach(items -> itemsRead.add(items.size()));
        } else if (response instanceof BatchWriteItemResponse r) {
            r.consumedCapacity().forEach(this::write);
        }
    }

    private void read(ConsumedCapacity capacity) {
        if (capacity != null && capacity.capacityUnits() != null) {
            readUnits.add(capacity.capacityUnits());
        }
    }

    private void write(ConsumedCapacity capacity) {
        if (capacity != null && capacity.capacityUnits() != null) {
            writeUnits.add(capacity.capacityUnits());
        }
    }
}
