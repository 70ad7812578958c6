package io.marketstreams.testkit;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Waits for a condition by polling it until a deadline: the way tests wait for a job's output,
 * commits or metrics, instead of sleeping for a guessed time.
 */
public final class Await {
    /** Interval between two checks. */
    public static final Duration POLL = Duration.ofMillis(100);

    private Await() {}

    /** A condition to poll; it may throw (e.g. a Kafka admin call), which fails the wait. */
    @FunctionalInterface
    public interface Condition {
        /** Whether the awaited state is reached. */
        boolean holds() throws Exception;
    }

    /**
     * Polls {@code condition} until it holds; fails with an {@link AssertionError} naming {@code
     * what} (evaluated then, so it can show the last state seen) once {@code timeout} has passed.
     */
    public static void until(Duration timeout, Supplier<String> what, Condition condition)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("waited " + timeout + " for " + what.get());
            }
            LockSupport.parkNanos(POLL.toNanos());
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted waiting for " + what.get());
            }
        }
    }
}
