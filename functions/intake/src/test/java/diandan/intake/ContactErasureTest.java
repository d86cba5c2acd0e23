package diandan.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import diandan.adapter.Wiring;
import diandan.adapter.dynamodb.DynamoKeptContacts;
import diandan.adapter.dynamodb.DynamoRegistryRepository;
import diandan.adapter.dynamodb.DynamoRequestRepository;
import diandan.adapter.dynamodb.Keys;
import diandan.adapter.dynamodb.RequestItems;
import diandan.app.registry.DemoRegistry;
import diandan.app.retention.ContactErasure;
import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;
import diandan.devkit.MutableClock;
import diandan.devkit.PrivateDataAudit;
import diandan.devkit.StoreProbe;
import diandan.devkit.TableDefinition;
import diandan.devkit.Template;
import diandan.domain.AreaPath;
import diandan.domain.Caller;
import diandan.domain.Channel;
import diandan.domain.Clocks;
import diandan.domain.Contact;
import diandan.domain.Problem;
import diandan.domain.Rating;
import diandan.domain.RequestLifecycle;
import diandan.domain.RequestStatus;
import diandan.domain.Role;
import diandan.domain.ServiceRequest;
import diandan.domain.Sla;
import diandan.domain.SubmissionLimits;
import diandan.domain.TimelineEntry;
import diandan.domain.retention.ContactRetention;
import diandan.port.ConcurrentChangeException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * The retention job and the resident's erasure on the table: contact data gone when the period ends and not a
 * millisecond before, the job reading only what is due, faults left for the next run, races that lose nothing and
 * restore nothing, requests that ended before the index brought into it, and no stored item left holding the data.
 */
@ExtendWith(DynaliteExtension.class)
class ContactErasureTest {
    static final Instant T = Instant.parse("2026-11-28T09:30:00Z");
    static final AreaPath XINBEI = new AreaPath("xinbei", "weiyang", "weicheng");
    static final ContactRetention RETENTION = ContactRetention.days(ContactRetention.DEFAULT_DAYS);
    static final Caller ADMIN = new Caller("admin-weicheng", Set.of(Role.ADMIN), null, "weicheng", null);

    /** A table of its own (the index partition is shared by every request of a table), with the demo registry. */
    private static LocalTable fresh(LocalTable engineTable) {
        String name = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        TableDefinition.fromTemplate(Template.load()).ensureCreated(engineTable.client(), name);
        LocalTable table = new LocalTable(engineTable.engine(), engineTable.client(), name);
        DemoRegistry.loadInto(table);
        return table;
    }

    private static ContactErasure erasure(LocalTable table, MutableClock clock) {
        return new ContactErasure(new DynamoRequestRepository(table.client(), table.name()),
                new DynamoKeptContacts(table.client(), table.name()),
                new DynamoRegistryRepository(table.client(), table.name()), RETENTION, ContactErasure.Limits.STANDARD,
                clock);
    }

    /** A contact of its own per request: the audit looks for exactly these values. */
    static Contact contactOf(int n) {
        return new Contact("居民" + (char) ('甲' + n % 10) + n, String.format("139%08d", n), "新北社区" + n + "号楼");
    }

    /** Submitted by resident-{n} at {@code at} and dispatched to team-a. */
    static ServiceRequest dispatched(String id, int n, Instant at) {
        ServiceRequest submitted = new ServiceRequest(id, RequestStatus.UNROUTED, "elderly_care", "代购生活用品",
                Channel.APP, XINBEI, contactOf(n), null, "resident-" + n, "resident-" + n, null, List.of(),
                Sla.startingAt(at, Clocks.DESK_PROMISE, Optional.empty()),
                List.of(new TimelineEntry(at, "submitted", "resident-" + n, "via app")), null, at, at, 0,
                "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
        return RequestLifecycle.dispatch(submitted, "team-a", TimelineEntry.SYSTEM, "routed", at);
    }

    /** Served by team-a and resolved at {@code resolvedAt}. */
    static ServiceRequest resolved(String id, int n, Instant resolvedAt) {
        Instant at = resolvedAt.minus(Duration.ofHours(2));
        ServiceRequest accepted = RequestLifecycle.accept(dispatched(id, n, at), "leader", at.plusSeconds(60));
        return RequestLifecycle.resolve(RequestLifecycle.reply(accepted, "leader", "on my way", null,
                at.plusSeconds(120)), "leader", "done", resolvedAt);
    }

    /** Rated (and so closed) at {@code ended}. */
    static ServiceRequest closed(String id, int n, Instant ended) {
        ServiceRequest resolved = resolved(id, n, ended.minus(Duration.ofHours(1)));
        return RequestLifecycle.rate(resolved, resolved.residentSub(), new Rating(5, "resolved", null, ended));
    }

    static ServiceRequest cancelled(String id, int n, Instant ended) {
        ServiceRequest open = dispatched(id, n, ended.minus(Duration.ofMinutes(10)));
        return RequestLifecycle.cancel(open, open.residentSub(), "no longer needed", ended);
    }

    private static void store(LocalTable table, List<ServiceRequest> requests) {
        for (int i = 0; i < requests.size(); i += 25) {
            var batch = requests.subList(i, Math.min(requests.size(), i + 25)).stream()
                    .map(r -> software.amazon.awssdk.services.dynamodb.model.WriteRequest.builder()
                            .putRequest(p -> p.item(RequestItems.toItem(r))).build()).toList();
            var pending = Map.of(table.name(), batch);
            while (!pending.isEmpty()) {
                var sending = pending;
                pending = table.client().batchWriteItem(b -> b.requestItems(sending)).unprocessedItems();
            }
        }
    }

    private static ServiceRequest stored(LocalTable table, String id) {
        return new DynamoRequestRepository(table.client(), table.name()).find(id).orElseThrow();
    }

    private static Map<String, AttributeValue> item(LocalTable table, String id) {
        return table.client().getItem(b -> b.tableName(table.name()).key(RequestItems.key(id)).consistentRead(true))
                .item();
    }

    @Test
    void aClosedOrCancelledRequestsContactIsErasedWhenItsPeriodEndsAndNotBefore(LocalTable engine) {
        LocalTable table = fresh(engine);
        MutableClock clock = new MutableClock(T);
        store(table, List.of(closed("r-closed", 1, T), cancelled("r-cancelled", 2, T),
                resolved("r-resolved", 3, T.minus(Duration.ofDays(60)))));
        ContactErasure erasure = erasure(table, clock);

        clock.set(T.plus(RETENTION.period()).minusMillis(1));
        ContactErasure.Result early = erasure.eraseDue();
        assertEquals(List.of(), early.erased(), "a millisecond before the period ends");
        assertEquals(contactOf(1), stored(table, "r-closed").contact());

        clock.set(T.plus(RETENTION.period()));
        ContactErasure.Result due = erasure.eraseDue();
        assertEquals(Set.of("r-closed", "r-cancelled"), Set.copyOf(due.erased()));
        for (String id : List.of("r-closed", "r-cancelled")) {
            ServiceRequest erased = stored(table, id);
            assertTrue(erased.contact().isErased(), id);
            assertNull(erased.fingerprint(), id + ": the body's hash goes with the data it was made of");
            TimelineEntry last = erased.timeline().get(erased.timeline().size() - 1);
            assertEquals(new TimelineEntry(clock.instant(), RequestLifecycle.CONTACT_ERASED, TimelineEntry.SYSTEM,
                    "30 days after it ended"), last, id);
            Map<String, AttributeValue> item = item(table, id);
            for (String attribute : List.of("cn", "cp", "ad", "fp", Keys.DUE_KEY, Keys.DUE_SORT)) {
                assertFalse(item.containsKey(attribute), id + " still has " + attribute);
            }
        }
        ServiceRequest closed = stored(table, "r-closed");
        assertEquals(5, closed.rating().score(), "the rating stays");
        assertEquals(RequestStatus.CLOSED, closed.status());
        assertEquals(contactOf(3), stored(table, "r-resolved").contact(), "a resolved request keeps it: not ended");

        clock.advance(Duration.ofHours(1));
        ContactErasure.Result again = erasure.eraseDue();
        assertEquals(0, again.entriesRead(), "erased requests leave the index");
        assertEquals(List.of(), again.erased());
    }

    @Test
    void theJobReadsOnlyWhatIsDueWhateverTheTableHolds(LocalTable engine) {
        LocalTable table = fresh(engine);
        MutableClock clock = new MutableClock(T);
        List<ServiceRequest> requests = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            requests.add(closed("due" + i, i, T.minus(Duration.ofDays(31)).plusSeconds(60L * i)));
        }
        for (int i = 0; i < 2_000; i++) {
            // ended within the period: in the index, after the cut-off
            requests.add(closed("kept" + i, 100 + i, T.minus(Duration.ofDays(29)).plusSeconds(60L * i)));
        }
        for (int i = 0; i < 1_000; i++) {
            // resolved long ago but not yet closed by the sweep: not in this index at all
            requests.add(resolved("resolved" + i, 5_000 + i, T.minus(Duration.ofDays(90))));
        }
        for (int i = 0; i < 1_000; i++) {
            ServiceRequest ended = closed("erased" + i, 7_000 + i, T.minus(Duration.ofDays(60)));
            requests.add(RequestLifecycle.eraseContact(ended, TimelineEntry.SYSTEM, "30 days after it ended",
                    T.minus(Duration.ofDays(30))));
        }
        store(table, requests);

        StoreProbe counting = StoreProbe.on(table).build();
        LocalTable counted = new LocalTable(table.engine(), counting.client(), table.name());
        ContactErasure.Result result = erasure(counted, clock).eraseDue();
        StoreProbe.Reading cost = counting.reading();

        System.out.printf("retention cost: %d erased among %d stored; items read %d (index entries %d, requests %d);"
                        + " queries %d; writes %d%n", result.erased().size(), requests.size(), cost.totalItemsReturned(),
                cost.indexItemsReturned(), cost.itemsGot(), cost.calls("Query"), cost.itemWrites());
        assertEquals(10, result.erased().size());
        assertTrue(result.caughtUp());
        assertEquals(1, cost.calls("Query"), "one page of the index");
        assertEquals(10, cost.indexItemsReturned(), "index entries read: exactly the due ones");
        assertEquals(10, cost.itemsGot(), "each due request read again, on the table");
        assertEquals(10, cost.itemWrites(), "one write per erasure, nothing else");
        assertEquals(0, cost.calls("Scan"));
    }

    @Test
    void aStorageFaultLeavesTheRequestForTheNextRun(LocalTable engine) {
        LocalTable table = fresh(engine);
        MutableClock clock = new MutableClock(T);
        List<ServiceRequest> requests = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            requests.add(closed("f" + i, 20 + i, T.minus(Duration.ofDays(40)).plusSeconds(i)));
        }
        store(table, requests);
        StoreProbe probe = StoreProbe.on(table).build();
        ContactErasure erasure = erasure(new LocalTable(table.engine(), probe.client(), table.name()), clock);

        probe.failAt(StoreProbe.Fault.REFUSED, 2);
        ContactErasure.Result faulted = erasure.eraseDue();
        assertTrue(probe.struck());
        assertEquals(List.of("f1"), faulted.failed());
        assertEquals(4, faulted.erased().size(), "the others are erased in the same run");
        assertFalse(faulted.caughtUp());
        assertFalse(stored(table, "f1").contact().isErased());

        probe.failAt(StoreProbe.Fault.ANSWER_LOST, 1);
        clock.advance(Duration.ofHours(1));
        ContactErasure.Result next = erasure.eraseDue();
        assertEquals(List.of("f1"), next.erased(), "the SDK sent it again after a lost answer: recognised as ours");
        assertTrue(next.caughtUp());
        assertTrue(stored(table, "f1").contact().isErased());

        // a run that cannot know whether its write landed: reported as failed, and the next run finds it done
        store(table, List.of(closed("f9", 29, T.minus(Duration.ofDays(40)))));
        probe.failAt(StoreProbe.Fault.UNANSWERED, 1);
        assertEquals(List.of("f9"), erasure.eraseDue().failed());
        ContactErasure.Result after = erasure.eraseDue();
        assertEquals(List.of(), after.erased());
        assertEquals(0, after.entriesRead(), "it had landed: the request left the index");
        assertEquals(1, stored(table, "f9").timeline().stream()
                .filter(e -> e.type().equals(RequestLifecycle.CONTACT_ERASED)).count());
    }

    @Test
    void racesLoseNothingAndNoLateWriteRestoresContactData(LocalTable engine) throws Exception {
        LocalTable table = fresh(engine);
        MutableClock clock = new MutableClock(T);
        Wiring wiring = new Wiring(table.client(), table.name(), clock, SubmissionLimits.DEFAULT, null);
        int n = 12;
        List<ServiceRequest> requests = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            requests.add(resolved("race" + i, 40 + i, T.minus(Duration.ofDays(1))));
        }
        store(table, requests);

        // the resident rates while asking for the erasure: either the erasure comes first (409: not ended yet) or
        // after the rating (erased); the rating always lands
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<String>> outcomes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = "race" + i;
            Caller resident = new Caller("resident-" + (40 + i), Set.of(Role.RESIDENT), null, null, null);
            CompletableFuture<String> rating = CompletableFuture.supplyAsync(() -> {
                await(start);
                wiring.intake.rate(resident, id, null, 4, "resolved", null);
                return "rated";
            });
            CompletableFuture<String> erasing = CompletableFuture.supplyAsync(() -> {
                await(start);
                try {
                    wiring.intake.eraseContact(resident, id);
                    return "erased";
                } catch (Problem refused) {
                    return refused.kind() == Problem.Kind.CONFLICT ? "refused" : refused.getMessage();
                }
            });
            outcomes.add(rating.thenCombine(erasing, (a, b) -> b));
        }
        start.countDown();
        for (int i = 0; i < n; i++) {
            String outcome = outcomes.get(i).get();
            ServiceRequest r = stored(table, "race" + i);
            assertEquals(RequestStatus.CLOSED, r.status());
            assertEquals(4, r.rating().score(), "the rating is never lost");
            assertEquals(outcome.equals("erased"), r.contact().isErased(), "race" + i + ": " + outcome);
            assertTrue(outcome.equals("erased") || outcome.equals("refused"), outcome);
        }

        // the job and the resident erase the same requests at once: each ends erased, with one timeline entry
        clock.set(T.plus(Duration.ofDays(31)));
        ContactErasure job = erasure(table, clock);
        CountDownLatch go = new CountDownLatch(1);
        CompletableFuture<ContactErasure.Result> scheduled = CompletableFuture.supplyAsync(() -> {
            await(go);
            return job.eraseDue();
        });
        List<CompletableFuture<ServiceRequest>> asked = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = "race" + i;
            Caller resident = new Caller("resident-" + (40 + i), Set.of(Role.RESIDENT), null, null, null);
            asked.add(CompletableFuture.supplyAsync(() -> {
                await(go);
                return wiring.intake.eraseContact(resident, id);
            }));
        }
        go.countDown();
        assertTrue(scheduled.get().failed().isEmpty());
        for (int i = 0; i < n; i++) {
            assertTrue(asked.get(i).get().contact().isErased(), "idempotent: erased, whoever came first");
            ServiceRequest r = stored(table, "race" + i);
            assertTrue(r.contact().isErased());
            assertEquals(4, r.rating().score());
            assertEquals(1, r.timeline().stream().filter(e -> e.type().equals(RequestLifecycle.CONTACT_ERASED)).count());
        }

        // a write made from a copy read before the erasure is refused: it would carry the contact data back
        ServiceRequest before = closed("late", 90, T);
        store(table, List.of(before));
        ServiceRequest erased = wiring.intake.eraseContact(
                new Caller("resident-90", Set.of(Role.RESIDENT), null, null, null), "late");
        DynamoRequestRepository requestsStore = new DynamoRequestRepository(table.client(), table.name());
        assertThrows(ConcurrentChangeException.class, () -> requestsStore.replace(before,
                before.next().event(new TimelineEntry(T, "replied", "leader", "late")).build(T)));
        assertEquals(erased, stored(table, "late"));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theResidentErasesTheirEndedRequestAtOnceAndOnlyThat(LocalTable engine) {
        LocalTable table = fresh(engine);
        MutableClock clock = new MutableClock(T);
        Wiring wiring = new Wiring(table.client(), table.name(), clock, SubmissionLimits.DEFAULT, null);
        store(table, List.of(closed("mine", 60, T), resolved("open", 61, T), closed("by-phone", 62, T)));
        Caller owner = new Caller("resident-60", Set.of(Role.RESIDENT), null, null, null);

        Problem stranger = assertThrows(Problem.class, () -> wiring.intake.eraseContact(
                new Caller("resident-61", Set.of(Role.RESIDENT), null, null, null), "mine"));
        assertEquals(Problem.Kind.NOT_FOUND, stranger.kind());
        Problem notEnded = assertThrows(Problem.class, () -> wiring.intake.eraseContact(
                new Caller("resident-61", Set.of(Role.RESIDENT), null, null, null), "open"));
        assertEquals(Problem.Kind.CONFLICT, notEnded.kind(), "the team may still need to reach them");
        assertEquals(contactOf(61), stored(table, "open").contact());
        assertEquals(Problem.Kind.NOT_FOUND, assertThrows(Problem.class,
                () -> wiring.intake.eraseContact(owner, "r-nothing")).kind());

        ServiceRequest erased = wiring.intake.eraseContact(owner, "mine");
        assertTrue(erased.contact().isErased());
        TimelineEntry last = erased.timeline().get(erased.timeline().size() - 1);
        assertEquals(new TimelineEntry(T, RequestLifecycle.CONTACT_ERASED, "resident-60", "at the resident's request"),
                last);
        assertEquals(erased, wiring.intake.eraseContact(owner, "mine"), "again: the same, nothing written");
        assertEquals(erased.version(), stored(table, "mine").version());
        Caller dispatcher = new Caller("dispatcher-zhao", Set.of(Role.DISPATCHER), null, "weiyang", null);
        assertEquals(Problem.Kind.FORBIDDEN, assertThrows(Problem.class,
                () -> wiring.intake.eraseContact(dispatcher, "by-phone")).kind(), "the area's dispatcher: no");
        assertTrue(wiring.intake.eraseContact(ADMIN, "by-phone").contact().isErased(),
                "the area's admin, for a resident who asks the desk");
    }

    @Test
    void requestsThatEndedBeforeTheIndexAreBroughtIntoItOnceAndThenErased(LocalTable engine) {
        LocalTable table = fresh(engine);
        MutableClock clock = new MutableClock(T);
        ServiceRequest old = closed("old", 70, T.minus(Duration.ofDays(400)));
        ServiceRequest recent = cancelled("recent", 71, T.minus(Duration.ofDays(3)));
        store(table, List.of(old, recent, closed("indexed", 72, T.minus(Duration.ofDays(2)))));
        for (String id : List.of("old", "recent")) {
            // as stored before the index existed: no entry
            table.client().updateItem(b -> b.tableName(table.name()).key(RequestItems.key(id))
                    .updateExpression("REMOVE " + Keys.DUE_KEY + ", " + Keys.DUE_SORT));
        }
        ContactErasure erasure = erasure(table, clock);
        assertEquals(List.of(), erasure.eraseDue().erased(), "not in the index: the schedule alone never sees it");

        StoreProbe counting = StoreProbe.on(table).build();
        ContactErasure.Indexed indexed = erasure(new LocalTable(table.engine(), counting.client(), table.name()),
                clock).indexEnded();
        assertEquals(new ContactErasure.Indexed(2, 2, 2, true), indexed,
                "the demo's two districts; weicheng's two requests, not the indexed one");
        assertEquals(0, counting.reading().calls("Scan"));
        assertEquals(1, counting.reading().partitionQueries("DIS#weicheng"));

        assertEquals(List.of("old"), erasure.eraseDue().erased(), "the one whose period is over");
        clock.set(T.plus(Duration.ofDays(27)));
        assertEquals(List.of("recent"), erasure.eraseDue().erased());
        assertEquals(new ContactErasure.Indexed(2, 0, 0, true), erasure.indexEnded(), "run again: nothing left");
    }

    @Test
    void afterTheErasureNoStoredItemHoldsTheResidentsContactData(LocalTable engine) {
        LocalTable table = fresh(engine);
        MutableClock clock = new MutableClock(T);
        Wiring wiring = new Wiring(table.client(), table.name(), clock, SubmissionLimits.DEFAULT, null);
        store(table, List.of(closed("audited", 80, T), cancelled("other", 81, T)));
        wiring.intake.eraseContact(new Caller("resident-80", Set.of(Role.RESIDENT), null, null, null), "audited");
        clock.set(T.plus(Duration.ofDays(30)));
        erasure(table, clock).eraseDue();

        Contact audited = contactOf(80);
        Contact other = contactOf(81);
        List<String> dump = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            var page = table.client().scan(ScanRequest.builder().tableName(table.name()).consistentRead(true)
                    .exclusiveStartKey(start).build());
            page.items().forEach(item -> dump.add(new HashMap<>(item).toString()));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        assertTrue(dump.size() > 2, "the registry and both requests");
        for (String text : dump) {
            for (Contact contact : List.of(audited, other)) {
                for (String value : List.of(contact.name(), contact.phone(), contact.address())) {
                    assertFalse(text.contains(value), "still stored: " + text);
                }
            }
            if (text.contains("REQ#")) {
                assertNull(PrivateDataAudit.leakIn(text), text);
            }
        }
    }
}
