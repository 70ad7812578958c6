package io.marketstreams.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketstreams.connectors.raw.RawFrame;
import io.marketstreams.connectors.venue.VenueStatusesOf;
import io.marketstreams.connectors.venue.Venues;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The simulator's lifecycle traffic uses only statuses in its venue's status table (the connectors'
 * {@code VenueStatusCoverageTest} checks the tables against every frame shape): a status outside
 * the table would be quarantined by the job as {@code UNKNOWN_MESSAGE}.
 */
class SimulatorStatusesTest {

    @Test
    void theSimulatorsLifecycleTrafficUsesOnlyTabledStatuses() {
        Map<String, Set<String>> emitted = new TreeMap<>();
        for (long seed : new long[] {3, 11, 29}) {
            SimulatorOptions options =
                    SimulatorOptions.defaults()
                            .withFaultRate(0)
                            .withCatalog(3, 3)
                            .withResolveShare(1.0);
            VenueSimulator sim = new VenueSimulator(seed, options);
            List<RawFrame> frames = new ArrayList<>();
            for (int i = 0; i < 4000; i++) {
                frames.add(sim.next());
            }
            frames.addAll(sim.finish());
            for (RawFrame frame : frames) {
                emitted.computeIfAbsent(frame.venueId(), v -> new TreeSet<>())
                        .addAll(VenueStatusesOf.frame(frame));
            }
        }
        assertThat(emitted).containsOnlyKeys("kalshi", "polymarket");
        emitted.forEach(
                (venue, statuses) -> {
                    assertThat(statuses).as(venue).isNotEmpty();
                    assertThat(Venues.require(venue).statuses().keySet())
                            .as(venue)
                            .containsAll(statuses);
                });
    }
}
