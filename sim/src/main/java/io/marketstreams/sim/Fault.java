package io.marketstreams.sim;

/**
 * The faults a simulation step can inject (docs/venues/simulator.md), each venue its own way: what
 * each does to the frames is in {@link KalshiTraffic#fault} and {@link PolymarketTraffic#fault}.
 */
enum Fault {
    REPEAT,
    LOST,
    SWAP,
    MALFORMED,
    BURST
}
