package diandan.notifier;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import diandan.adapter.json.Json;
import diandan.domain.notify.ChannelChoice;
import diandan.domain.notify.MessageTemplate;
import diandan.domain.notify.Notice;
import diandan.port.notify.MessageSender;

/**
 * WeChat mini-program subscription messages: {@code POST /cgi-bin/message/subscribe/send?access_token=...} with
 * {@code touser} (the openid), {@code template_id}, {@code page} (the request's page in the mini-program),
 * {@code miniprogram_state}, {@code lang} and {@code data} ({@code {"thing1": {"value": "..."}}}). The access
 * token comes from {@code GET /cgi-bin/token?grant_type=client_credential&appid=...&secret=...} and is kept by the
 * container until five minutes before it expires; a token WeChat calls invalid or expired is fetched again once.
 */
final class WeChatSender implements MessageSender {
    static final URI API = URI.create("https://api.weixin.qq.com");
    /** The token answers: invalid credential, token expired, token malformed. */
    private static final Set<Integer> STALE_TOKEN = Set.of(40001, 40014, 42001);
    /** A token is taken as expired this long before WeChat says it does. */
    private static final Duration MARGIN = Duration.ofMinutes(5);
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    /** The mini-program's app id and secret. */
    record AppCredentials(String appId, String appSecret) {
        @Override
        public String toString() {
            return "AppCredentials[" + appId + "]";
        }
    }

    private record Token(String value, Instant expiresAt) {
    }

    private final HttpClient http;
    private final URI api;
    private final Supplier<AppCredentials> credentials;
    private final Map<MessageTemplate, String> templateIds;
    private final Clock clock;
    private volatile Token token;

    WeChatSender(HttpClient http, URI api, Supplier<AppCredentials> credentials, Map<MessageTemplate, String> templateIds,
                 Clock clock) {
        this.http = http;
        this.api = api;
        this.credentials = credentials;
        this.templateIds = Map.copyOf(templateIds);
        this.clock = clock;
    }

    /** {@code new_order=ID,accepted=ID,...}: the mini-program's template id for each of the desk's templates. */
    static Map<MessageTemplate, String> templateIds(String configured) {
        Map<MessageTemplate, String> ids = new EnumMap<>(MessageTemplate.class);
        if (configured == null || configured.isBlank()) {
            return ids;
        }
        for (String pair : configured.split(",")) {
            String[] codeAndId = pair.trim().split("=", 2);
            MessageTemplate template = MessageTemplate.parse(codeAndId[0].trim()).orElseThrow(
                    () -> new IllegalArgumentException("WECHAT_TEMPLATE_IDS names no template " + codeAndId[0]));
            ids.put(template, codeAndId[1].trim());
        }
        return ids;
    }

    @Override
    public String send(ChannelChoice.Route route, Notice notice) {
        String templateId = templateIds.get(notice.template());
        if (templateId == null) {
            throw new SendFailedException("no WeChat template id for " + notice.template().code(), null);
        }
        ObjectNode body = Json.object();
        body.put("touser", route.address());
        body.put("template_id", templateId);
        body.put("page", "pages/request/detail?id=" + notice.event().requestId());
        body.put("miniprogram_state", "formal");
        body.put("lang", "zh_CN");
        ObjectNode data = body.putObject("data");
        notice.template().wechatData(notice.variables()).forEach((key, value) -> data.putObject(key).put("value", value));
        JsonNode answer = postWithToken(body);
        if (STALE_TOKEN.contains(answer.path("errcode").asInt())) {
            token = null;
            answer = postWithToken(body);
        }
        int errcode = answer.path("errcode").asInt(-1);
        if (errcode != 0) {
            throw new SendFailedException("WeChat refused the message: errcode " + errcode, null);
        }
        return answer.path("msgid").asText();
    }

    private JsonNode postWithToken(ObjectNode body) {
        URI send = api.resolve("/cgi-bin/message/subscribe/send?access_token=" + encode(accessToken()));
        return call(HttpRequest.newBuilder(send).timeout(TIMEOUT).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body), StandardCharsets.UTF_8)).build());
    }

    private String accessToken() {
        Token current = token;
        if (current != null && clock.instant().isBefore(current.expiresAt())) {
            return current.value();
        }
        AppCredentials app = credentials.get();
        JsonNode answer = call(HttpRequest.newBuilder(api.resolve("/cgi-bin/token?grant_type=client_credential&appid="
                + encode(app.appId()) + "&secret=" + encode(app.appSecret()))).timeout(TIMEOUT).GET().build());
        if (!answer.hasNonNull("access_token")) {
            throw new SendFailedException("no WeChat access token: errcode " + answer.path("errcode").asInt(-1), null);
        }
        Token fresh = new Token(answer.get("access_token").asText(),
                clock.instant().plusSeconds(answer.path("expires_in").asLong(7200)).minus(MARGIN));
        token = fresh;
        return fresh.value();
    }

    private JsonNode call(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() != 200) {
                throw new SendFailedException("WeChat answered HTTP " + response.statusCode(), null);
            }
            return Json.read(response.body());
        } catch (JacksonException notJson) {
            throw new SendFailedException("WeChat answered with something other than JSON", notJson);
        } catch (IOException unreachable) {
            throw new SendFailedException("WeChat unreachable", unreachable);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new SendFailedException("interrupted while calling WeChat", interrupted);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
