package diandan.local;

/** Every execution environment the function's reserved concurrency allows is busy: Lambda refuses with 429. */
final class Throttled extends Exception {
    Throttled(String functionId, int reservedConcurrency) {
        super(functionId + " is at its reserved concurrency of " + reservedConcurrency);
    }
}
