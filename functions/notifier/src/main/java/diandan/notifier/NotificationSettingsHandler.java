package diandan.notifier;

import java.time.Clock;
import java.util.Map;
import java.util.Set;

import org.crac.Core;
import org.crac.Resource;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;

import diandan.adapter.dynamodb.DynamoDb;
import diandan.adapter.dynamodb.DynamoNotifySettingsStore;
import diandan.adapter.http.ApiRequest;
import diandan.adapter.http.ApiResponses;
import diandan.adapter.http.HttpFunction;
import diandan.adapter.http.JsonBody;
import diandan.adapter.http.Priming;
import diandan.adapter.json.Json;
import diandan.app.notify.NotificationPreferences;
import diandan.domain.notify.MessageTemplate;
import diandan.domain.notify.NotifySettings;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * NotificationSettingsFunction: a person's own notification settings over the HTTP API ({@code /me/...}, the
 * token's subject, whatever the role). Parses, calls {@link NotificationPreferences}, maps.
 */
public final class NotificationSettingsHandler
        implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>, Resource {
    private final NotificationPreferences preferences;
    private final HttpFunction http;

    public NotificationSettingsHandler() {
        this(DynamoDb.fromEnvironment(), DynamoDb.tableName(), Clock.systemUTC());
    }

    /** @param clock when a consent call is made: its receipt is kept for a while from then */
    public NotificationSettingsHandler(DynamoDbClient client, String table, Clock clock) {
        this.preferences = new NotificationPreferences(new DynamoNotifySettingsStore(client, table), clock);
        this.http = new HttpFunction("NotificationSettingsFunction", Map.of(
                "GET /me/notifications", this::get,
                "PUT /me/notifications", this::put,
                "POST /me/notifications/wechat-consents", this::consents));
        Core.getGlobalContext().register(this);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return http.handle(event);
    }

    private APIGatewayV2HTTPResponse get(ApiRequest request) {
        return ApiResponses.json(200, view(preferences.get(request.caller())));
    }

    private APIGatewayV2HTTPResponse put(ApiRequest request) {
        var caller = request.caller();
        JsonBody body = request.json(Set.of("wechat", "sms", "phone", "openId"));
        Boolean wechat = body.bool("wechat");
        Boolean sms = body.bool("sms");
        String phone = body.string("phone");
        String openId = body.string("openId");
        body.requireWellTyped();
        return ApiResponses.json(200, view(preferences.set(caller, wechat, sms, phone, openId)));
    }

    private APIGatewayV2HTTPResponse consents(ApiRequest request) {
        var caller = request.caller();
        JsonBody body = request.json(Set.of("templates", "openId"));
        var templates = body.strings("templates", NotificationPreferences.MAX_TEMPLATES);
        String openId = body.string("openId");
        body.requireWellTyped();
        return ApiResponses.json(200, view(preferences.recordConsents(caller, templates, openId,
                request.header("Idempotency-Key"))));
    }

    /**
     * The person's own settings, whole (the phone is theirs); the openid only as whether one is known; the
     * volunteer whose messages they receive, when their token names one.
     */
    static ObjectNode view(NotifySettings settings) {
        ObjectNode json = Json.object();
        json.put("wechat", settings.wechat());
        json.put("sms", settings.sms());
        json.put("wechatLinked", settings.openId() != null);
        if (settings.phone() != null) {
            json.put("phone", settings.phone());
        }
        if (settings.volunteerId() != null) {
            json.put("volunteerId", settings.volunteerId());
        }
        ObjectNode consents = json.putObject("consents");
        for (MessageTemplate template : MessageTemplate.values()) {
            consents.put(template.code(), settings.consents(template));
        }
        return json;
    }

    /** Every route with the well-formed requests of events/, writes answered from canned responses (Priming). */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        Priming.everyRoute(http);
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // nothing to refresh: the SDK client reconnects on first use
    }
}
