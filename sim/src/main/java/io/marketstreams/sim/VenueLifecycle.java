package io.marketstreams.sim;

import java.util.SplittableRandom;

/**
 * What the lifecycle of both venues shares: the plan the transitions go into, and the venue's
 * traffic, whose current connection carries the WebSocket lifecycle frames.
 *
 * @param <T> the venue's traffic
 */
abstract class VenueLifecycle<T extends VenueTraffic> {
    final FrameStream out;
    final SplittableRandom random;
    final T traffic;
    final LifecyclePlan plan;

    VenueLifecycle(T traffic, LifecyclePlan plan) {
        this.out = traffic.out;
        this.random = traffic.random;
        this.traffic = traffic;
        this.plan = plan;
    }
}
