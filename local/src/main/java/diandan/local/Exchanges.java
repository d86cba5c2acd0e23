package diandan.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;

/** Reading bounded request bodies and writing whole responses on the JDK's HTTP server. */
final class Exchanges {
    /** A body over the limit. */
    static final class TooLarge extends IOException {
        TooLarge(int limit) {
            super("body over " + limit + " bytes");
        }
    }

    private Exchanges() {
    }

    static byte[] body(HttpExchange exchange, int limit) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(limit + 1);
            if (bytes.length > limit) {
                throw new TooLarge(limit);
            }
            return bytes;
        }
    }

    static void send(HttpExchange exchange, int status, Map<String, String> headers, byte[] body) throws IOException {
        headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        boolean empty = body == null || body.length == 0 || status == 204 || status == 304
                || exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, empty ? -1 : body.length);
        if (!empty) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }

    static void sendJson(HttpExchange exchange, int status, Map<String, String> headers, String json) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        send(exchange, status, headers, json.getBytes(StandardCharsets.UTF_8));
    }
}
