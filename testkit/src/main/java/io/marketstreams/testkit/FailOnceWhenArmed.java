package io.marketstreams.testkit;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.common.functions.MapFunction;

/**
 * A failure injector for job tests: a pass-through {@link MapFunction} that throws on the first
 * record after the test {@linkplain #arm() arms} it, once.
 *
 * <p>The flags are not fields of the function: Flink runs a deserialized copy of it (a fresh one
 * after each restart), so they live in a static registry, keyed by the injector's name, which the
 * copies inside the MiniCluster (same JVM) and the test's own instance share. Each name has its own
 * flags: several tests in one JVM, or several injectors in one job, do not share one.
 *
 * @param <T> the records it passes through
 */
public final class FailOnceWhenArmed<T> implements MapFunction<T, T> {
    private static final long serialVersionUID = 1L;

    private static final ConcurrentMap<String, Flags> REGISTRY = new ConcurrentHashMap<>();

    private final String name;

    private FailOnceWhenArmed(String name) {
        this.name = name;
    }

    /** An injector with fresh flags (disarmed, not fired) under {@code name}, replacing any. */
    public static <T> FailOnceWhenArmed<T> named(String name) {
        REGISTRY.put(name, new Flags());
        return new FailOnceWhenArmed<>(name);
    }

    /** The name its flags are registered under. */
    public String name() {
        return name;
    }

    /** From now on, the next record fails the job (once). */
    public void arm() {
        flags().armed.set(true);
    }

    /** Whether it has thrown. */
    public boolean fired() {
        return flags().fired.get();
    }

    @Override
    public T map(T value) {
        Flags flags = flags();
        if (flags.armed.get() && flags.fired.compareAndSet(false, true)) {
            throw new IllegalStateException("injected failure (test): " + name);
        }
        return value;
    }

    private Flags flags() {
        Flags flags = REGISTRY.get(name);
        if (flags == null) {
            // Only named() creates injectors, and it registers first.
            throw new IllegalStateException("no failure injector named " + name);
        }
        return flags;
    }

    private static final class Flags {
        final AtomicBoolean armed = new AtomicBoolean();
        final AtomicBoolean fired = new AtomicBoolean();
    }
}
