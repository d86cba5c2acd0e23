package diandan.hours;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import diandan.adapter.dynamodb.DynamoSessionRepository;
import diandan.adapter.http.Claims;
import diandan.app.hours.ActivityService;
import diandan.app.sessions.SessionService;
import diandan.devkit.ApiEvents;
import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;
import diandan.domain.Caller;
import diandan.domain.Problem;
import diandan.domain.sessions.Roster;
import diandan.domain.sessions.SignUp;
import diandan.port.sessions.SessionRepository;

/**
 * Sign-ups under concurrency: never more than the quota, the waitlist in arrival order, each freed place to the
 * head of the line exactly once, also when cancellations race and when a canceller stops before passing its
 * place on.
 */
@ExtendWith(DynaliteExtension.class)
class SessionSignUpTest {
    static final Instant START = Instant.parse("2026-12-05T01:00:00Z");
    static HoursWorld world;
    static SessionRepository store;
    static String activity;

    @BeforeAll
    static void setUp(LocalTable table) {
        world = new HoursWorld(table);
        store = new DynamoSessionRepository(table.client(), table.name());
        activity = world.wiring.activities.create(Claims.caller(HoursWorld.LEADER), new ActivityService.NewActivity(
                "新北社区冬季义务理发", "elderly_care", "xinbei", "2026-12-05T00:00:00Z", "2026-12-06T00:00:00Z", null),
                null).activity().id();
    }

    @BeforeEach
    void resetClock() {
        world.clock.set(HoursWorld.NOW);
    }

    static String session(int quota, boolean confirmation) {
        return world.wiring.sessions.create(Claims.caller(HoursWorld.LEADER), activity, new SessionService.NewSession(
                START.toString(), START.plus(Duration.ofHours(3)).toString(), "新北社区活动室", null, null, null, quota,
                confirmation), null).session().id();
    }

    static Caller volunteer(String id) {
        return Claims.caller(ApiEvents.claims("u-" + id, "volunteer", null, null, id));
    }

    static Roster roster(String session) {
        return store.find(session).orElseThrow().roster();
    }

    @Test
    void fiftyConcurrentSignUpsForQuotaTwentySignUpTwentyAndWaitlistThirtyInArrivalOrder() throws Exception {
        String session = session(20, false);
        Map<String, SignUp> answers = signUpAtOnce(session, IntStream.range(0, 50).mapToObj(i -> "v-s" + i).toList());

        Roster roster = roster(session);
        assertEquals(20, roster.members().size());
        assertEquals(30, roster.waitlist().size());
        assertEquals(50, new HashSet<String>() {{ addAll(roster.members()); addAll(roster.waitlist()); }}.size());
        for (Map.Entry<String, SignUp> answer : answers.entrySet()) {
            SignUp signUp = answer.getValue();
            if (signUp.state() == SignUp.State.SIGNED_UP) {
                assertTrue(roster.isMember(answer.getKey()));
            } else {
                assertEquals(SignUp.State.WAITLISTED, signUp.state());
                // the place each was told on arrival is its place in the stored line: arrival order, no gaps
                assertEquals(answer.getKey(), roster.waitlist().get(signUp.position() - 1));
            }
        }

        String first = roster.waitlist().get(0);
        world.wiring.sessions.cancel(volunteer(roster.members().get(7)), session);
        Roster after = roster(session);
        assertEquals(20, after.members().size());
        assertEquals(roster.waitlist().subList(1, 30), after.waitlist());
        assertEquals(first, after.members().get(19));
        assertEquals(1, after.members().stream().filter(first::equals).count());
    }

    @Test
    void sequentialSignUpsWaitInTheOrderTheyCame() {
        String session = session(2, false);
        for (int i = 0; i < 6; i++) {
            SignUp signUp = world.wiring.sessions.signUp(volunteer("v-q" + i), session);
            assertEquals(i < 2 ? SignUp.State.SIGNED_UP : SignUp.State.WAITLISTED, signUp.state());
            assertEquals(i < 2 ? null : i - 1, signUp.position());
        }
        assertEquals(List.of("v-q2", "v-q3", "v-q4", "v-q5"), roster(session).waitlist());
        SignUp again = world.wiring.sessions.signUp(volunteer("v-q3"), session);
        assertEquals(2, again.position(), "signing up again answers the standing, changing nothing");
        assertEquals(List.of("v-q2", "v-q3", "v-q4", "v-q5"), roster(session).waitlist());

        assertEquals(SignUp.State.NONE, world.wiring.sessions.cancel(volunteer("v-q3"), session).state());
        assertEquals(List.of("v-q2", "v-q4", "v-q5"), roster(session).waitlist());
        world.wiring.sessions.cancel(volunteer("v-q0"), session);
        assertEquals(List.of("v-q1", "v-q2"), roster(session).members());
        assertEquals(List.of("v-q4", "v-q5"), roster(session).waitlist());
    }

    @Test
    void concurrentCancelsPromoteEachWaitlistedOnceAndInOrder() throws Exception {
        String session = session(20, false);
        List<String> volunteers = IntStream.range(0, 40).mapToObj(i -> "v-c" + i).toList();
        volunteers.forEach(v -> world.wiring.sessions.signUp(volunteer(v), session));
        Roster before = roster(session);
        List<String> leaving = before.members().subList(0, 10);

        runAtOnce(leaving.stream().<Runnable>map(v -> () -> world.wiring.sessions.cancel(volunteer(v), session)).toList());

        Roster after = roster(session);
        assertEquals(20, after.members().size());
        assertEquals(before.waitlist().subList(10, 20), after.waitlist());
        List<String> promoted = after.members().subList(10, 20);
        assertEquals(before.waitlist().subList(0, 10), promoted, "the first ten in line, each once, in order");
        assertEquals(20, new HashSet<>(after.members()).size());
    }

    @Test
    void aPlaceFreedByACancellerThatStoppedGoesToTheHeadOfTheLineOnTheNextCall() {
        String session = session(1, false);
        world.wiring.sessions.signUp(volunteer("v-a"), session);
        world.wiring.sessions.signUp(volunteer("v-b"), session);
        assertTrue(store.remove(session, "v-a", false, 0).isPresent(), "the cancellation landed, the promotion never ran");
        assertEquals(List.of(), roster(session).members());

        Roster settled = world.wiring.sessions.get(session).roster();
        assertEquals(List.of("v-b"), settled.members());
        assertEquals(List.of(), settled.waitlist());
    }

    @Test
    void withConfirmationRequiredAnUnconfirmedPlaceGoesToTheLineOnceTheDeadlinePasses() {
        String session = session(2, true);
        world.wiring.sessions.signUp(volunteer("v-x"), session);
        world.wiring.sessions.signUp(volunteer("v-y"), session);
        world.wiring.sessions.signUp(volunteer("v-z"), session);
        assertTrue(world.wiring.sessions.confirm(volunteer("v-y"), session).confirmed());

        world.clock.set(START.minus(Duration.ofHours(23)));
        Roster settled = world.wiring.sessions.get(session).roster();
        assertEquals(List.of("v-y", "v-z"), settled.members());
        assertEquals(Set.of("v-y", "v-z"), settled.confirmed(), "promoted after the deadline counts as confirmed");
    }

    @Test
    void signingUpAfterTheStartIsAConflictAndOnlyVolunteersSignUp() {
        String session = session(2, false);
        assertEquals(403, assertThrowsProblem(() -> world.wiring.sessions.signUp(Claims.caller(HoursWorld.DISPATCHER),
                session)));
        world.clock.set(START);
        assertEquals(409, assertThrowsProblem(() -> world.wiring.sessions.signUp(volunteer("v-late"), session)));
        assertEquals(404, assertThrowsProblem(() -> world.wiring.sessions.signUp(volunteer("v-late"), "s-nothing")));
    }

    static int assertThrowsProblem(Runnable call) {
        try {
            call.run();
        } catch (Problem problem) {
            return problem.kind().status;
        }
        throw new AssertionError("no problem");
    }

    private static Map<String, SignUp> signUpAtOnce(String session, List<String> volunteers) throws Exception {
        Map<String, SignUp> answers = new ConcurrentHashMap<>();
        runAtOnce(volunteers.stream().<Runnable>map(v -> () -> answers.put(v,
                world.wiring.sessions.signUp(volunteer(v), session))).toList());
        return answers;
    }

    private static void runAtOnce(List<Runnable> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (Runnable call : calls) {
                done.add(pool.submit(() -> {
                    go.await();
                    call.run();
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
