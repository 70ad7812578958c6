package io.marketstreams.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The lifecycle transitions of a run by the step they happen at, planned when the run starts
 * ({@link KalshiLifecycle}, {@link PolymarketLifecycle}) and played as the steps come.
 */
final class LifecyclePlan {
    private final SplittableRandom random;
    private final int steps;
    private final TreeMap<Long, List<Runnable>> schedule = new TreeMap<>();

    LifecyclePlan(SplittableRandom random, int lifecycleSteps) {
        this.random = random;
        this.steps = lifecycleSteps;
    }

    /** A step within the lifecycle span: a random fraction of it in [lo, hi). */
    long at(double lo, double hi) {
        return (long) (steps * (lo + random.nextDouble() * (hi - lo)));
    }

    /** Plans a transition at a step. */
    void plan(long atStep, Runnable action) {
        schedule.computeIfAbsent(atStep, k -> new ArrayList<>()).add(action);
    }

    /** Markets in a seeded order, so which market plays which role depends on the seed. */
    <T> List<T> shuffled(List<T> list) {
        List<T> order = new ArrayList<>(list);
        for (int i = order.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            T t = order.get(i);
            order.set(i, order.get(j));
            order.set(j, t);
        }
        return order;
    }

    /** Plays the transitions due at {@code step} (and any left from before), a few ms apart. */
    void playDue(long step, FrameStream out) {
        while (!schedule.isEmpty() && schedule.firstKey() <= step) {
            for (Runnable transition : schedule.pollFirstEntry().getValue()) {
                out.advance(1 + random.nextInt(5));
                transition.run();
            }
        }
    }
}
