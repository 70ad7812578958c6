package io.marketstreams.jobs;

import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.common.functions.MapFunction;

/**
 * Test fault injector: passes records through until a test arms it, then throws on the next record,
 * once per JVM. Static flags survive the job's restart inside the MiniCluster.
 */
final class FailOnceWhenArmed<T> implements MapFunction<T, T> {
    private static final long serialVersionUID = 1L;

    static final AtomicBoolean ARMED = new AtomicBoolean();
    static final AtomicBoolean FIRED = new AtomicBoolean();

    @Override
    public T map(T value) {
        if (ARMED.get() && FIRED.compareAndSet(false, true)) {
            throw new IllegalStateException("injected failure (test)");
        }
        return value;
    }
}
