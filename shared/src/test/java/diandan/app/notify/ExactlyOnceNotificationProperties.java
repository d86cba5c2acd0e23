package diandan.app.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import diandan.devkit.Dynalite;
import diandan.devkit.LocalTable;
import diandan.devkit.TableDefinition;
import diandan.devkit.Template;
import diandan.domain.ServiceRequest;
import diandan.domain.notify.DomainEvent;
import diandan.domain.notify.MessageChannel;
import diandan.domain.notify.MessageTemplate;
import diandan.domain.notify.NotifySettings;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Exactly one message per event per recipient, whatever the deliveries: a request's whole life (dispatch,
 * acceptance, reply, resolution, rating invitation) delivered to the notifier with each event repeated, in any
 * order, by up to three concurrent runs, with WeChat working or not and the leader holding any number of
 * consents. Consent counts never go below zero and pay for every WeChat message.
 */
class ExactlyOnceNotificationProperties {
    static final Instant DAY = Instant.parse("2026-11-28T09:30:00Z");
    static Dynalite engine;

    @BeforeContainer
    static void start() {
        engine = Dynalite.start(null);
    }

    /** A table of its own for each try: the leader's consents start from what the try says. */
    static LocalTable freshTable(Dynalite engine) {
        String name = "notify" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        TableDefinition.fromTemplate(Template.load()).ensureCreated(engine.client(), name);
        return new LocalTable(engine, engine.client(), name);
    }

    @AfterContainer
    static void stop() {
        engine.close();
    }

    @Property(tries = 25)
    void eachRecipientHearsOfEachEventOnce(@ForAll @Size(5) List<@IntRange(min = 1, max = 3) Integer> repeats,
                                          @ForAll long order, @ForAll @IntRange(min = 1, max = 3) int runs,
                                          @ForAll @IntRange(min = 0, max = 2) int consents,
                                          @ForAll boolean wechatDown) throws Exception {
        NotifyDesk desk = new NotifyDesk(freshTable(engine), DAY);
        ServiceRequest request = desk.submitByHotline();
        String leader = desk.leaderOf(request);
        desk.settings.save(new NotifySettings(leader, true, true, "o-" + request.id(), "13900000001", Map.of()));
        desk.settings.addConsents(leader, Collections.nCopies(consents, MessageTemplate.NEW_ORDER));
        desk.wiring.dispatch.accept(desk.leader(request), request.id(), null);
        desk.wiring.dispatch.reply(desk.leader(request), request.id(), null, "明天上午上门", null);
        desk.wiring.dispatch.resolve(desk.leader(request), request.id(), null, "已修好");
        List<DomainEvent> events = List.copyOf(desk.bus.published);
        assertEquals(5, events.size(), "dispatched, accepted, replied, resolved, rating invited: " + events);
        desk.wechat.failing = wechatDown;

        List<DomainEvent> deliveries = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            deliveries.addAll(Collections.nCopies(repeats.get(i), events.get(i)));
        }
        Collections.shuffle(deliveries, new Random(order));
        ConcurrentLinkedQueue<DomainEvent> queue = new ConcurrentLinkedQueue<>(deliveries);
        ExecutorService pool = Executors.newFixedThreadPool(runs);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int run = 0; run < runs; run++) {
                done.add(pool.submit(() -> {
                    for (DomainEvent event = queue.poll(); event != null; event = queue.poll()) {
                        desk.notifier.handle(event);
                    }
                    return null;
                }));
            }
            for (Future<?> run : done) {
                run.get();
            }
        } finally {
            pool.shutdown();
        }

        Map<String, Integer> perDelivery = new HashMap<>();
        List<RecordingSender.Sent> sent = new ArrayList<>(desk.wechat.sent);
        sent.addAll(desk.sms.sent);
        sent.forEach(message -> perDelivery.merge(message.notice().deliveryId(), 1, Integer::sum));
        assertEquals(5, perDelivery.size(), "one recipient per event: " + perDelivery);
        assertTrue(perDelivery.values().stream().allMatch(n -> n == 1), "each delivery once: " + perDelivery);
        int left = desk.settings.find(leader).orElseThrow().consents(MessageTemplate.NEW_ORDER);
        int byWeChat = (int) desk.wechat.sent.stream().filter(m -> m.channel() == MessageChannel.WECHAT).count();
        assertTrue(left >= 0, "consents left " + left);
        assertEquals(consents, left + byWeChat, "every WeChat message used one consent");
        assertEquals(wechatDown || consents == 0 ? 0 : 1, byWeChat);
    }
}
