package io.marketstreams.sim;

import java.util.SplittableRandom;

/**
 * What the WebSocket traffic of both venues shares: the run's frame stream and generator, the
 * catalog, the fault counts, and the numbering of connections with the reconnect backoff.
 */
abstract class VenueTraffic {
    final FrameStream out;
    final SplittableRandom random;
    final SimulatedCatalog catalog;
    final FaultCounts faults;
    private int connections;

    VenueTraffic(FrameStream out, SimulatedCatalog catalog, FaultCounts faults) {
        this.out = out;
        this.random = out.random();
        this.catalog = catalog;
        this.faults = faults;
    }

    /** Connections opened so far. */
    final int connections() {
        return connections;
    }

    /**
     * The number of a new connection (1 for the first); every connection after the first waits a
     * reconnect backoff on the simulated clock.
     */
    final int nextConnection() {
        if (connections > 0) {
            out.advance(100 + random.nextInt(400)); // reconnect backoff
        }
        return ++connections;
    }

    /** The id of the current connection. */
    abstract String connectionId();

    /** Opens a new connection; its first frames restate every followed book. */
    abstract void connect();

    /** Injects a fault into this venue's feed. */
    abstract void fault(Fault fault);
}
