package diandan.notifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import diandan.adapter.json.Json;
import diandan.devkit.MutableClock;
import diandan.domain.notify.ChannelChoice;
import diandan.domain.notify.DomainEvent;
import diandan.domain.notify.EventType;
import diandan.domain.notify.MessageChannel;
import diandan.domain.notify.MessageTemplate;
import diandan.domain.notify.Notice;
import diandan.domain.notify.Recipient;
import diandan.port.notify.MessageSender;

/**
 * The WeChat adapter against a stub of WeChat's API on loopback that checks each request's documented shape:
 * the token endpoint's query, and subscribeMessage.send's access_token and body (touser, template_id, page,
 * miniprogram_state, lang, data of {value} fields no longer than a thing field takes).
 */
class WeChatSenderTest {
    static final Instant NOW = Instant.parse("2026-11-28T09:30:00Z");
    static final Notice NOTICE = new Notice(new DomainEvent("r1.1", EventType.DISPATCHED, "r1", "team-a", 0, NOW),
            new Recipient(Recipient.Role.TEAM_LEADER, "leader-a"), MessageTemplate.NEW_ORDER,
            Map.of("category", "便民维修", "community", "新北社区", "ref", "ABCDEFGH", "respondBy", "17:45",
                    "missed", "", "level", "0"));
    static final ChannelChoice.Route ROUTE = new ChannelChoice.Route(MessageChannel.WECHAT, "o-openid-1");

    HttpServer server;
    MutableClock clock;
    final AtomicInteger tokensIssued = new AtomicInteger();
    final List<JsonNode> sent = new ArrayList<>();
    final List<String> problems = new ArrayList<>();
    /** errcodes the send endpoint answers, one per call, then 0. */
    final List<Integer> sendAnswers = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        clock = new MutableClock(NOW);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/cgi-bin/token", this::token);
        server.createContext("/cgi-bin/message/subscribe/send", this::send);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        assertTrue(problems.isEmpty(), "requests not as documented: " + problems);
    }

    WeChatSender sender() {
        return new WeChatSender(HttpClient.newHttpClient(),
                URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                () -> new WeChatSender.AppCredentials("wx-app", "s3cret&="), Map.of(MessageTemplate.NEW_ORDER, "TPL-NEW"),
                clock);
    }

    void token(HttpExchange exchange) throws IOException {
        Map<String, String> query = query(exchange.getRequestURI());
        if (!exchange.getRequestMethod().equals("GET") || !query.equals(Map.of("grant_type", "client_credential",
                "appid", "wx-app", "secret", "s3cret&="))) {
            problems.add("token: " + exchange.getRequestMethod() + " " + query);
        }
        answer(exchange, "{\"access_token\":\"TOKEN-" + tokensIssued.incrementAndGet() + "\",\"expires_in\":7200}");
    }

    void send(HttpExchange exchange) throws IOException {
        Map<String, String> query = query(exchange.getRequestURI());
        JsonNode body = Json.read(exchange.getRequestBody().readAllBytes());
        if (!exchange.getRequestMethod().equals("POST") || !query.equals(Map.of("access_token", "TOKEN-" + tokensIssued.get()))
                || !exchange.getRequestHeaders().getFirst("Content-Type").startsWith("application/json")) {
            problems.add("send: " + exchange.getRequestMethod() + " " + query);
        }
        for (String field : List.of("touser", "template_id", "page", "miniprogram_state", "lang")) {
            if (!body.path(field).isTextual()) {
                problems.add("send: no " + field);
            }
        }
        body.path("data").fields().forEachRemaining(field -> {
            if (!field.getValue().path("value").isTextual() || field.getValue().path("value").asText().length() > 20) {
                problems.add("send: data field " + field.getKey() + " " + field.getValue());
            }
        });
        int errcode = sendAnswers.isEmpty() ? 0 : sendAnswers.remove(0);
        if (errcode == 0) {
            sent.add(body);
            answer(exchange, "{\"errcode\":0,\"errmsg\":\"ok\",\"msgid\":" + (1000 + sent.size()) + "}");
        } else {
            answer(exchange, "{\"errcode\":" + errcode + ",\"errmsg\":\"refused\"}");
        }
    }

    static Map<String, String> query(URI uri) {
        Map<String, String> query = new HashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                query.put(java.net.URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
            }
        }
        return query;
    }

    static void answer(HttpExchange exchange, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Test
    void aMessageGoesAsDocumentedWithTheTemplatesFields() {
        assertEquals("1001", sender().send(ROUTE, NOTICE));
        JsonNode body = sent.get(0);
        assertEquals("o-openid-1", body.path("touser").asText());
        assertEquals("TPL-NEW", body.path("template_id").asText());
        assertEquals("pages/request/detail?id=r1", body.path("page").asText());
        assertEquals("formal", body.path("miniprogram_state").asText());
        assertEquals("zh_CN", body.path("lang").asText());
        assertEquals("便民维修", body.path("data").path("thing1").path("value").asText());
        assertEquals("新北社区", body.path("data").path("thing2").path("value").asText());
        assertEquals("ABCDEFGH", body.path("data").path("character_string3").path("value").asText());
        assertEquals("17:45", body.path("data").path("time4").path("value").asText());
    }

    @Test
    void theContainerKeepsItsTokenUntilFiveMinutesBeforeItExpires() {
        WeChatSender sender = sender();
        sender.send(ROUTE, NOTICE);
        clock.advance(Duration.ofMinutes(114));
        sender.send(ROUTE, NOTICE);
        assertEquals(1, tokensIssued.get());
        clock.advance(Duration.ofMinutes(1));
        sender.send(ROUTE, NOTICE);
        assertEquals(2, tokensIssued.get());
    }

    @Test
    void aTokenWeChatCallsExpiredIsFetchedAgainOnce() {
        WeChatSender sender = sender();
        sendAnswers.add(42001);
        assertEquals("1001", sender.send(ROUTE, NOTICE));
        assertEquals(2, tokensIssued.get());
    }

    @Test
    void aRefusalFailsTheSendSoThatTheNotifierFallsBack() {
        sendAnswers.add(43101); // the user has no subscription left for the template
        MessageSender.SendFailedException failed = assertThrows(MessageSender.SendFailedException.class,
                () -> sender().send(ROUTE, NOTICE));
        assertTrue(failed.getMessage().contains("43101"), failed.getMessage());
    }

    @Test
    void aTemplateWithoutAConfiguredIdIsNotSent() {
        Notice accepted = new Notice(NOTICE.event(), NOTICE.to(), MessageTemplate.ACCEPTED, NOTICE.variables());
        assertThrows(MessageSender.SendFailedException.class, () -> sender().send(ROUTE, accepted));
        assertEquals(0, tokensIssued.get());
    }

    @Test
    void templateIdsAreConfiguredByTheDesksCodes() {
        assertEquals(Map.of(MessageTemplate.NEW_ORDER, "abc", MessageTemplate.RATING_INVITATION, "d=e"),
                WeChatSender.templateIds(" new_order=abc, rating_invitation=d=e"));
        assertThrows(IllegalArgumentException.class, () -> WeChatSender.templateIds("no_such=1"));
    }
}
