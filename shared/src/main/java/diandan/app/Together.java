package diandan.app;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Pieces of work that need not wait for each other, run at the same time: in a region every call to the store
 * is a round trip of milliseconds, so calls made together cost the time of one. Each piece runs on a thread
 * started for it while the caller waits (a container serves one event at a time: no pool to size, nothing left
 * running between events; and what waits for what stays plain, which is how {@code StoreProbe} counts the calls
 * made one after another). It returns once every piece has ended, so that nothing still runs when the caller
 * answers; a piece that failed is then thrown as it was thrown, the first in the order given.
 */
public final class Together {
    private Together() {
    }

    /** Two results, each of its piece. */
    public record Both<A, B>(A first, B second) {
    }

    /** Three results, each of its piece. */
    public record Three<A, B, C>(A first, B second, C third) {
    }

    @SuppressWarnings("unchecked")
    public static <A, B> Both<A, B> get(Supplier<A> first, Supplier<B> second) {
        List<Object> results = results(List.of(new Outcome(first), new Outcome(second)));
        return new Both<>((A) results.get(0), (B) results.get(1));
    }

    @SuppressWarnings("unchecked")
    public static <A, B, C> Three<A, B, C> get(Supplier<A> first, Supplier<B> second, Supplier<C> third) {
        List<Object> results = results(List.of(new Outcome(first), new Outcome(second), new Outcome(third)));
        return new Three<>((A) results.get(0), (B) results.get(1), (C) results.get(2));
    }

    public static void run(List<Runnable> pieces) {
        List<Outcome> work = new ArrayList<>();
        for (Runnable piece : pieces) {
            work.add(new Outcome(piece));
        }
        results(work);
    }

    /**
     * One piece and its outcome; the piece is a {@link Supplier} or a {@link Runnable} as given, not wrapped in a
     * lambda: each lambda is a class of its own, loaded by a container's first event.
     */
    private static final class Outcome implements Runnable {
        private final Supplier<?> supplier;
        private final Runnable runnable;
        private Object result;
        private Throwable failure;

        Outcome(Supplier<?> piece) {
            this.supplier = piece;
            this.runnable = null;
        }

        Outcome(Runnable piece) {
            this.supplier = null;
            this.runnable = piece;
        }

        @Override
        public void run() {
            try {
                if (supplier != null) {
                    result = supplier.get();
                } else {
                    runnable.run();
                }
            } catch (RuntimeException | Error failed) {
                failure = failed;
            }
        }
    }

    private static List<Object> results(List<Outcome> outcomes) {
        List<Thread> threads = new ArrayList<>();
        for (Outcome outcome : outcomes) {
            if (outcomes.size() == 1) {
                outcome.run();
            } else {
                Thread thread = new Thread(outcome, "together");
                thread.setDaemon(true);
                threads.add(thread);
            }
        }
        for (Thread thread : threads) { // every thread made before any starts: none is made after another's work
            thread.start();
        }

        boolean interrupted = false;
        for (Thread thread : threads) {
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    interrupted = true; // the pieces' calls end within their timeouts: wait for them all the same
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        List<Object> results = new ArrayList<>();
        for (Outcome outcome : outcomes) {
            if (outcome.failure instanceof RuntimeException failed) {
                throw failed;
            }
            if (outcome.failure instanceof Error failed) {
                throw failed;
            }
            results.add(outcome.result);
        }
        return results;
    }
}
