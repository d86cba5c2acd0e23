package diandan.notifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import diandan.adapter.Wiring;
import diandan.adapter.log.Log;
import diandan.app.notify.Notifier;
import diandan.app.registry.DemoRegistry;
import diandan.app.request.NewRequest;
import diandan.devkit.DynaliteExtension;
import diandan.devkit.EmbeddedMetrics;
import diandan.devkit.LocalTable;
import diandan.devkit.MutableClock;
import diandan.domain.Caller;
import diandan.domain.Role;
import diandan.domain.ServiceRequest;
import diandan.domain.notify.DomainEvent;
import diandan.domain.notify.EventType;
import diandan.domain.notify.MessageChannel;
import diandan.port.notify.MessageSender;

/** The notifier's log lines count messages sent, and events whose messages failed on every way, as EMF metrics. */
@ExtendWith(DynaliteExtension.class)
class NotifierMetricsTest {
    static final Instant NOW = Instant.parse("2026-11-28T09:30:00Z");
    final List<String> lines = new CopyOnWriteArrayList<>();

    @AfterEach
    void restoreLog() {
        Log.sink(System.out::println);
    }

    static Map<String, Double> metrics(String line) {
        return EmbeddedMetrics.recorded(line).stream().peek(r -> assertEquals(Map.of("function", "NotifierFunction"),
                r.dimensions())).collect(Collectors.toMap(EmbeddedMetrics.Recorded::name, EmbeddedMetrics.Recorded::value));
    }

    @Test
    void messagesSentAndEventsThatFailedAreCounted(LocalTable table) {
        DemoRegistry.loadInto(table);
        MutableClock clock = new MutableClock(NOW);
        List<DomainEvent> published = new ArrayList<>();
        Wiring desk = new Wiring(table.client(), table.name(), clock, published::addAll);
        ServiceRequest request = desk.intake.submit(new Caller("dispatcher-metrics", EnumSet.of(Role.DISPATCHER), null,
                "weiyang", null), new NewRequest("home_repair", "需要帮助", "xinbei", "3号楼2单元", "张桂兰", "13812345678",
                "hotline", null, null), null).request();
        desk.dispatch.accept(new Caller("leader", EnumSet.of(Role.TEAM_LEADER), request.teamId(), null, null),
                request.id(), null);
        DomainEvent accepted = published.stream().filter(e -> e.type() == EventType.ACCEPTED).findFirst().orElseThrow();
        MessageSender down = (route, notice) -> {
            throw new MessageSender.SendFailedException("gateway down", new RuntimeException("timeout"));
        };
        Log.sink(lines::add);

        assertThrows(Notifier.DeliveryFailedException.class, () -> new NotifierHandler(table.client(), table.name(),
                clock, Map.of(MessageChannel.SMS, down, MessageChannel.WECHAT, down))
                .handleRequest(NotifierHandlerTest.busEvent(accepted), null));
        Map<String, Object> sent = new NotifierHandler(table.client(), table.name(), clock,
                Map.of(MessageChannel.SMS, (route, notice) -> "sms-1", MessageChannel.WECHAT, (route, notice) -> "wx-1"))
                .handleRequest(NotifierHandlerTest.busEvent(accepted), null);

        assertEquals(Map.of("deliveryFailures", 1.0), metrics(lines.stream()
                .filter(l -> l.contains("\"message\":\"delivery failed")).findFirst().orElseThrow()));
        Map<String, Double> notified = metrics(lines.stream().filter(l -> l.contains("\"message\":\"notified\""))
                .findFirst().orElseThrow());
        assertEquals(((Integer) sent.get("sent")).doubleValue(), notified.get("sent"));
        assertEquals(0.0, notified.get("deliveryFailures"));
    }
}
