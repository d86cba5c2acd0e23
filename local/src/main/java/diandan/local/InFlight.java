package diandan.local;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * Counts requests in progress so that a stop lets them finish: once draining, a new request is answered
 * 503 at once and the stack waits for the count to reach zero before closing connections. (The JDK server's
 * own {@code stop(delay)} always waits the whole delay.)
 */
final class InFlight {
    private final Object lock = new Object();
    private int count;
    private boolean draining;

    HttpHandler guard(HttpHandler handler) {
        return exchange -> {
            if (!enter()) {
                refuse(exchange);
                return;
            }
            try {
                handler.handle(exchange);
            } finally {
                leave();
            }
        };
    }

    private boolean enter() {
        synchronized (lock) {
            if (draining) {
                return false;
            }
            count++;
            return true;
        }
    }

    private void leave() {
        synchronized (lock) {
            count--;
            lock.notifyAll();
        }
    }

    /** Refuses new requests and waits, up to {@code wait}, for those in progress; returns how many did not finish. */
    int drain(Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        synchronized (lock) {
            draining = true;
            while (count > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                lock.wait(Math.max(1, left / 1_000_000));
            }
            return count;
        }
    }

    private static void refuse(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Connection", "close");
        Exchanges.sendJson(exchange, 503, Map.of(), "{\"message\":\"Service Unavailable\"}");
    }
}
