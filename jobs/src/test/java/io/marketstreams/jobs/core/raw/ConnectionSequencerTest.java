package io.marketstreams.jobs.core.raw;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketstreams.schema.venue.BookDelta;
import io.marketstreams.schema.venue.VenueMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Per-subscription numbers in, per-market book sequences out. */
class ConnectionSequencerTest {
    private final ConnectionSequencer sequencer = new ConnectionSequencer();
    private final InMemorySequencerState state = new InMemorySequencerState();

    private long book(String sid, long seq, String market, boolean snapshot) {
        assertThat(sequencer.observe(state, sid, seq)).isEqualTo(ConnectionSequencer.Verdict.NEW);
        VenueMessage m =
                VenueMessage.newBuilder()
                        .setVenueId("kalshi")
                        .setVenueSequence(seq)
                        .setVenueStreamId("c1/" + sid)
                        .setVenueEventTime(0)
                        .setIngestTime(0)
                        .setPayload(new BookDelta(market, List.of()))
                        .build();
        sequencer.renumber(state, "c1", sid, market, snapshot, m);
        assertThat(m.getVenueStreamId()).isEqualTo("c1");
        return m.getVenueSequence();
    }

    @Test
    void marketsSharingASubscriptionGetContiguousSequencesOfTheirOwn() {
        assertThat(book("1", 1, "A", true)).isEqualTo(1);
        assertThat(book("1", 2, "B", true)).isEqualTo(1);
        assertThat(book("1", 3, "A", false)).isEqualTo(2);
        // A trade on the same subscription consumes a number; no book sees a gap.
        assertThat(sequencer.observe(state, "1", 4L)).isEqualTo(ConnectionSequencer.Verdict.NEW);
        assertThat(book("1", 5, "B", false)).isEqualTo(2);
        assertThat(book("1", 6, "A", false)).isEqualTo(3);
    }

    @Test
    void aLostFrameShowsAsAGapOnEveryMarketOfItsSubscriptionUntilTheirNextSnapshot() {
        book("1", 1, "A", true);
        book("1", 2, "B", true);
        book("2", 1, "C", true);
        assertThat(book("1", 4, "A", false)).as("frame 3 of sid 1 was lost").isEqualTo(3);
        assertThat(book("1", 5, "B", true)).as("a snapshot resets anyway").isEqualTo(2);
        assertThat(book("1", 6, "B", false)).isEqualTo(3);
        assertThat(book("2", 2, "C", false)).as("other subscriptions are unaffected").isEqualTo(2);
    }

    @Test
    void repeatedNumbersAreRepeats() {
        book("1", 1, "A", true);
        book("1", 2, "A", false);
        assertThat(sequencer.observe(state, "1", 2L)).isEqualTo(ConnectionSequencer.Verdict.REPEAT);
        assertThat(sequencer.observe(state, "1", 1L)).isEqualTo(ConnectionSequencer.Verdict.REPEAT);
        assertThat(sequencer.observe(state, null, null)).isEqualTo(ConnectionSequencer.Verdict.NEW);
    }
}
