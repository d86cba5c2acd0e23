package diandan.adapter.priming;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import diandan.adapter.dynamodb.Keys;
import diandan.adapter.json.Json;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * The HTTP client under every SDK client of a function that writes. It passes each call to the real client,
 * except while a SnapStart snapshot is being primed ({@link #during}): then a call that would change something (a
 * DynamoDB write, an SNS message, an EventBridge event) is answered from a canned success response and never
 * sent, so that priming walks the write paths (the request's marshalling, the response's parsing, what the code
 * does after) without writing. Reads still reach the real service.
 *
 * <p>So that the code after a write finds what it expects, the canned answers are consistent with what priming
 * did: an item priming put or updated ({@link PrimedUpdate}) is what a later GetItem of its key answers, and a
 * write asked to return the item ({@code ReturnValues}) returns the item as priming last saw it (read or
 * written). That memory is dropped when priming ends.
 *
 * <p>Priming starts from {@link PrimingItems}: the items the files of {@code events/} act on (the request each
 * state change takes a step on, the alert acknowledged, the hours certified), as if priming had put them. A read
 * of one of their keys is answered with it, whatever the table holds (a live table has none of them): so a state
 * change walks its conditional write, its settlement and its answer rather than stopping at a 404, and priming
 * does not depend on what the table holds.
 */
public final class PrimingHttpClient implements SdkHttpClient {
    private static final String DYNAMODB = "DynamoDB_20120810.";
    private static final String DYNAMODB_JSON = "application/x-amz-json-1.0";
    private static final Set<String> DYNAMODB_READS = Set.of("GetItem", "BatchGetItem", "TransactGetItems", "Query",
            "Scan");
    private static final String EVENTBRIDGE_PUT = "AWSEvents.PutEvents";
    private static final String SNS_PUBLISH = "Action=Publish";

    /** Nesting depth of {@link #during}: priming is on while it is above zero, for every client of the process. */
    private static final AtomicInteger PRIMING = new AtomicInteger();
    /** While priming: whether the next conditional write of an item priming holds loses ({@link #losingOneRace}). */
    private static volatile boolean losing;
    /** Calls answered from a canned response since the process started. */
    private static final AtomicInteger CANNED = new AtomicInteger();
    /** Conditional writes answered as lost to another writer since the process started. */
    private static final AtomicInteger LOST = new AtomicInteger();
    /** While priming: the items it read from the table or put, by key. */
    private static final Map<String, JsonNode> SEEN = new ConcurrentHashMap<>();
    /** While priming: the keys of the items it wrote or started from, which a read answers from {@link #SEEN}. */
    private static final Set<String> PUT = ConcurrentHashMap.newKeySet();

    private final SdkHttpClient delegate;

    private PrimingHttpClient(SdkHttpClient delegate) {
        this.delegate = delegate;
    }

    /** {@code delegate}, answering canned responses to writes while priming runs. */
    public static SdkHttpClient around(SdkHttpClient delegate) {
        return new PrimingHttpClient(delegate);
    }

    /** Runs {@code priming} with every write of every client answered from a canned response; off again after. */
    public static void during(Runnable priming) {
        if (PRIMING.incrementAndGet() == 1) {
            PrimingItems.packaged().forEach(PrimingHttpClient::put);
        }
        try {
            priming.run();
        } finally {
            if (PRIMING.decrementAndGet() == 0) {
                SEEN.clear();
                PUT.clear();
            }
        }
    }

    /**
     * Runs {@code priming} as {@link #during} does until a conditional write of an item priming holds (a packaged
     * copy, or one it wrote) is sent: that one is answered as lost to another writer
     * ({@code ConditionalCheckFailedException}), as a live table answers when someone changed the item first, so
     * that the route's handling of a race and the SDK's reading of an error answer are in the snapshot; the rest
     * as {@link #during}. {@code priming} is handed whether the race was lost yet, to stop once it has.
     */
    public static void losingOneRace(java.util.function.Consumer<java.util.function.BooleanSupplier> priming) {
        during(() -> {
            losing = true;
            try {
                priming.accept(() -> !losing);
            } finally {
                losing = false;
            }
        });
    }

    /** Whether priming runs now. */
    public static boolean priming() {
        return PRIMING.get() > 0;
    }

    /** Conditional writes answered as lost to another writer so far ({@link #losingOneRace}). */
    public static int racesLost() {
        return LOST.get();
    }

    /** Calls answered from a canned response so far (none reached the service). */
    public static int cannedAnswers() {
        return CANNED.get();
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        if (!priming()) {
            return delegate.prepareRequest(request);
        }
        String target = request.httpRequest().firstMatchingHeader("X-Amz-Target").orElse("");
        if (target.startsWith(DYNAMODB)) {
            return dynamoDb(target.substring(DYNAMODB.length()), request);
        }
        if (target.equals(EVENTBRIDGE_PUT)) {
            return canned("application/x-amz-json-1.1", "{\"FailedEntryCount\":0,\"Entries\":[]}");
        }
        if (target.isEmpty() && body(request).startsWith(SNS_PUBLISH)) {
            return canned("text/xml", "<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\">"
                    + "<PublishResult><MessageId>priming</MessageId></PublishResult>"
                    + "<ResponseMetadata><RequestId>priming</RequestId></ResponseMetadata></PublishResponse>");
        }
        return delegate.prepareRequest(request);
    }

    private ExecutableHttpRequest dynamoDb(String operation, HttpExecuteRequest request) {
        if (DYNAMODB_READS.contains(operation)) {
            JsonNode call = request(request);
            if (operation.equals("GetItem") && PUT.contains(key(call.path("Key")))) {
                ObjectNode answer = Json.object();
                answer.set("Item", SEEN.get(key(call.path("Key"))));
                return canned(DYNAMODB_JSON, Json.write(answer));
            }
            // items of an index may be partial (KEYS_ONLY): only the table's are kept
            return call.has("IndexName") ? delegate.prepareRequest(request)
                    : new Remembering(delegate.prepareRequest(request), call);
        }
        JsonNode call = request(request);
        if (losing && call.has("ConditionExpression") && PUT.contains(key(call.has("Key") ? call.path("Key") : call.path("Item")))) {
            losing = false;
            LOST.incrementAndGet();
            return canned(400, DYNAMODB_JSON, "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException\","
                    + "\"message\":\"The conditional request failed\"}");
        }
        ObjectNode answer = Json.object();
        switch (operation) {
            case "PutItem" -> {
                put(call.path("Item"));
                returned(call, answer);
            }
            case "UpdateItem" -> {
                JsonNode before = SEEN.get(key(call.path("Key")));
                ObjectNode after = PrimedUpdate.apply(call, before != null ? before : call.path("Key"));
                returned(call, answer);
                put(after);
                if (call.path("ReturnValues").asText("").endsWith("_NEW")) {
                    answer.set("Attributes", after);
                }
            }
            case "DeleteItem" -> returned(call, answer);
            case "BatchWriteItem" -> {
                call.path("RequestItems").forEach(writes -> writes.forEach(write -> put(write.path("PutRequest").path("Item"))));
                answer.putObject("UnprocessedItems");
            }
            default -> {
                // TransactWriteItems and any other write: a success with nothing to return
            }
        }
        return canned(DYNAMODB_JSON, Json.write(answer));
    }

    /** A write asked to return the item: as priming last saw it, or its key alone. */
    private static void returned(JsonNode call, ObjectNode answer) {
        String returnValues = call.path("ReturnValues").asText("NONE");
        if (!returnValues.equals("NONE")) {
            JsonNode key = call.has("Key") ? call.path("Key") : call.path("Item");
            JsonNode seen = SEEN.get(key(key));
            answer.set("Attributes", seen != null ? seen : key);
        }
    }

    private static void put(JsonNode item) {
        if (item.isObject() && item.has(Keys.PK)) {
            SEEN.put(key(item), item);
            PUT.add(key(item));
        }
    }

    private static void seen(JsonNode item) {
        if (item.isObject() && item.has(Keys.PK) && !PUT.contains(key(item))) {
            SEEN.put(key(item), item);
        }
    }

    private static String key(JsonNode item) {
        return item.path(Keys.PK).toString() + item.path(Keys.SK).toString();
    }

    private static JsonNode request(HttpExecuteRequest request) {
        try {
            return Json.read(body(request));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String body(HttpExecuteRequest request) {
        return request.contentStreamProvider().map(provider -> {
            try (InputStream in = provider.newStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).orElse("");
    }

    private static ExecutableHttpRequest canned(String contentType, String body) {
        return canned(200, contentType, body);
    }

    private static ExecutableHttpRequest canned(int status, String contentType, String body) {
        CANNED.incrementAndGet();
        return new Canned(status, contentType, body);
    }

    @Override
    public String clientName() {
        return delegate.clientName();
    }

    @Override
    public void close() {
        delegate.close();
    }

    /** An answer given without a connection. */
    private record Canned(int status, String contentType, String body) implements ExecutableHttpRequest {
        @Override
        public HttpExecuteResponse call() {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            return HttpExecuteResponse.builder()
                    .response(SdkHttpResponse.builder().statusCode(status).putHeader("Content-Type", contentType)
                            .putHeader("Content-Length", Integer.toString(bytes.length)).build())
                    .responseBody(AbortableInputStream.create(new ByteArrayInputStream(bytes))).build();
        }

        @Override
        public void abort() {
            // nothing was sent
        }
    }

    /**
     * A read sent to the table, whose items priming keeps for the writes that return one; the keys priming answers
     * itself ({@link #PUT}) are answered with its copy, in place of the table's.
     */
    private record Remembering(ExecutableHttpRequest sent, JsonNode read) implements ExecutableHttpRequest {
        @Override
        public HttpExecuteResponse call() throws IOException {
            HttpExecuteResponse response = sent.call();
            if (response.responseBody().isEmpty() || !response.httpResponse().isSuccessful()) {
                return response;
            }
            byte[] bytes;
            try (InputStream in = response.responseBody().get()) {
                bytes = in.readAllBytes();
            }
            ObjectNode answer = (ObjectNode) Json.read(bytes);
            seen(answer.path("Item"));
            answer.path("Items").forEach(PrimingHttpClient::seen);
            if (read.has("TransactItems")) {
                transactGet(answer);
            } else {
                answer.path("Responses").forEach(table -> table.forEach(PrimingHttpClient::seen));
                batchGet(answer);
            }
            byte[] answered = Json.bytes(answer);
            CRC32 crc = new CRC32();
            crc.update(answered);
            return HttpExecuteResponse.builder().response(response.httpResponse().toBuilder()
                            .putHeader("Content-Length", Integer.toString(answered.length))
                            .putHeader("x-amz-crc32", Long.toString(crc.getValue())).build())
                    .responseBody(AbortableInputStream.create(new ByteArrayInputStream(answered))).build();
        }

        /** A TransactGetItems' answers, one a key in the call's order. */
        private void transactGet(ObjectNode answer) {
            JsonNode asked = read.path("TransactItems");
            for (int i = 0; i < asked.size(); i++) {
                JsonNode key = asked.get(i).path("Get").path("Key");
                if (answer.path("Responses").get(i) instanceof ObjectNode response) {
                    seen(response.path("Item"));
                    if (PUT.contains(key(key))) {
                        response.set("Item", SEEN.get(key(key)));
                    }
                }
            }
        }

        /** A BatchGetItem's items, by table in no order. */
        private void batchGet(ObjectNode answer) {
            read.path("RequestItems").properties().forEach(table -> {
                ObjectNode responses = answer.get("Responses") instanceof ObjectNode tables ? tables
                        : answer.putObject("Responses");
                ArrayNode items = responses.get(table.getKey()) instanceof ArrayNode tableItems ? tableItems
                        : responses.putArray(table.getKey());
                for (JsonNode key : table.getValue().path("Keys")) {
                    if (PUT.contains(key(key))) {
                        for (int i = items.size() - 1; i >= 0; i--) {
                            if (key(items.get(i)).equals(key(key))) {
                                items.remove(i);
                            }
                        }
                        items.add(SEEN.get(key(key)));
                    }
                }
            });
        }

        @Override
        public void abort() {
            sent.abort();
        }
    }
}
