package io.marketstreams.sim;

/**
 * How many faults of each kind a run has injected so far, for {@link SimulatorStats}. Both venues'
 * traffic counts into one instance.
 */
final class FaultCounts {
    long repeats;
    long lost;
    long swaps;
    long malformed;
    long bursts;
}
