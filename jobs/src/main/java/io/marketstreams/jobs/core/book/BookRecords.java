package io.marketstreams.jobs.core.book;

import io.marketstreams.jobs.core.Rejection;
import io.marketstreams.schema.LevelMutation;
import io.marketstreams.schema.OrderBookDelta;
import io.marketstreams.schema.OrderBookSnapshot;
import io.marketstreams.schema.PriceLevel;
import io.marketstreams.schema.ReasonCode;
import io.marketstreams.schema.SnapshotReason;
import io.marketstreams.schema.venue.VenueMessage;
import java.util.ArrayList;
import java.util.List;

/** The {@code orders.snapshot} and {@code orders.delta} records of one venue book message. */
final class BookRecords {
    final VenueMessage message;
    final String marketId;
    final List<OrderBookSnapshot> snapshots = new ArrayList<>(2);
    final List<OrderBookDelta> deltas = new ArrayList<>(2);

    BookRecords(VenueMessage message, String marketId) {
        this.message = message;
        this.marketId = marketId;
    }

    void snapshot(String outcome, BookState state, SnapshotReason reason) {
        snapshots.add(
                OrderBookSnapshot.newBuilder()
                        .setMarketId(marketId)
                        .setOutcomeId(outcome)
                        .setVenueId(message.getVenueId())
                        .setSequenceStart(state.sequence)
                        .setBids(levels(state.bidPrices, state.bidQty))
                        .setAsks(levels(state.askPrices, state.askQty))
                        .setChecksum(state.checksum)
                        .setReason(reason)
                        .setHealth(state.health)
                        .setVenueSequence(message.getVenueSequence())
                        .setVenueEventTime(message.getVenueEventTime())
                        .setIngestTime(message.getIngestTime())
                        .build());
    }

    void delta(String outcome, BookState state, List<LevelMutation> mutations) {
        deltas.add(
                OrderBookDelta.newBuilder()
                        .setMarketId(marketId)
                        .setOutcomeId(outcome)
                        .setVenueId(message.getVenueId())
                        .setSequenceNumber(state.sequence)
                        .setMutations(mutations)
                        .setChecksum(state.checksum)
                        .setHealth(state.health)
                        .setVenueSequence(message.getVenueSequence())
                        .setVenueEventTime(message.getVenueEventTime())
                        .setIngestTime(message.getIngestTime())
                        .build());
    }

    MarketBooks.Result applied() {
        return new MarketBooks.Result(MarketBooks.Disposition.APPLIED, null, snapshots, deltas);
    }

    MarketBooks.Result rejected(ReasonCode reason, String detail) {
        return new MarketBooks.Result(
                MarketBooks.Disposition.REJECTED, new Rejection(reason, detail), snapshots, deltas);
    }

    private static List<PriceLevel> levels(long[] prices, long[] qty) {
        List<PriceLevel> levels = new ArrayList<>(prices.length);
        for (int i = 0; i < prices.length; i++) {
            levels.add(new PriceLevel(prices[i], qty[i]));
        }
        return levels;
    }
}
