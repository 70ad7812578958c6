package io.marketstreams.jobs.core.raw;

import io.marketstreams.schema.venue.VenueMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a venue connection's per-subscription sequence numbers into the per-market venue sequence
 * the canonical book rules expect (docs/contract.md, "Raw frames").
 *
 * <p>Kalshi numbers messages per subscription ({@code sid}), and one subscription may carry many
 * markets, trades and lifecycle messages; an {@code error} reply consumes a number too. So the
 * numbers one market's book sees are not contiguous even when nothing was lost. This class checks
 * contiguity where it holds — per subscription, counting every frame — and hands each market's book
 * messages a contiguous per-market number on the connection's stream, skipping one number when its
 * subscription lost a frame, so that the book rules see a gap exactly when one happened. Frames
 * whose number is not above the subscription's last are repeats.
 */
public final class ConnectionSequencer {

    /** What to do with a frame. */
    public enum Verdict {
        /** New: parse and pass on. */
        NEW,
        /** Its number is not above the subscription's last: an exact repeat, dropped. */
        REPEAT
    }

    /**
     * Observes a frame's subscription number before it is parsed. Frames without a number (REST
     * bodies, ticker messages) are always new.
     */
    public Verdict observe(SequencerState state, String subscription, Long sequence) {
        if (subscription == null || sequence == null) {
            return Verdict.NEW;
        }
        Long last = state.lastSequence(subscription);
        if (last != null && sequence <= last) {
            return Verdict.REPEAT;
        }
        if (last != null && sequence > last + 1) {
            List<String> affected = new ArrayList<>();
            for (String market : state.marketsOf(subscription)) {
                affected.add(market);
            }
            for (String market : affected) {
                state.gapPending(market, true);
            }
        }
        state.lastSequence(subscription, sequence);
        return Verdict.NEW;
    }

    /**
     * Records that a numbered frame carried a book message of a market that could not be applied
     * (refused after parsing): the frame's number was observed, so the subscription shows no gap,
     * but the market's book missed a change, so its next delta takes one number more, exactly as
     * after a lost frame, and the book rules resync it.
     */
    public void lostBookMessage(SequencerState state, String market) {
        state.gapPending(market, true);
    }

    /**
     * Renumbers one parsed book message of a market in place: {@code venue_sequence} becomes the
     * market's next number (one more after a gap on its subscription), {@code venue_stream_id} the
     * connection.
     *
     * @param snapshot whether the message is a venue snapshot (which clears a pending gap: the book
     *     rules resynchronise on it anyway)
     */
    public void renumber(
            SequencerState state,
            String connectionId,
            String subscription,
            String market,
            boolean snapshot,
            VenueMessage message) {
        if (subscription != null && !subscription.equals(state.subscriptionOf(market))) {
            state.subscriptionOf(market, subscription);
        }
        Long last = state.marketSequence(market);
        long next = (last == null ? 0 : last) + 1;
        if (!snapshot && state.gapPending(market)) {
            next++;
        }
        if (state.gapPending(market)) {
            state.gapPending(market, false);
        }
        state.marketSequence(market, next);
        message.setVenueSequence(next);
        message.setVenueStreamId(connectionId);
    }
}
