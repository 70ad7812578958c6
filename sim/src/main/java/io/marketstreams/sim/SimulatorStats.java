package io.marketstreams.sim;

/**
 * What a {@link VenueSimulator} has emitted so far: frames, and how many faults of each kind it
 * injected (so that tests can account for them, e.g. expect exactly {@code malformedFrames}
 * rejections).
 *
 * @param frames frames emitted (including those still to be returned by {@code next()})
 * @param repeatedFrames frames emitted twice with the same bytes
 * @param lostFrames book changes that never arrived, each followed by a reconnect: Kalshi book
 *     frames whose {@code seq} was used but never emitted, Polymarket {@code price_change}s in
 *     flight when the connection dropped
 * @param swappedPairs pairs of frames emitted in reverse order
 * @param malformedFrames frames of garbage bytes or truncated JSON (the only frames the parsers
 *     reject)
 * @param bursts bursts of book changes sharing one receive time
 * @param kalshiConnections Kalshi WebSocket connections opened ({@code kalshi-1}, …)
 * @param polymarketConnections Polymarket WebSocket connections opened ({@code polymarket-1}, …)
 */
public record SimulatorStats(
        long frames,
        long repeatedFrames,
        long lostFrames,
        long swappedPairs,
        long malformedFrames,
        long bursts,
        long kalshiConnections,
        long polymarketConnections) {}
