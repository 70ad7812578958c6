package io.marketstreams.jobs.core.book;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketstreams.client.BookReplica;
import io.marketstreams.connectors.venue.BookConvention;
import io.marketstreams.connectors.venue.Venues;
import io.marketstreams.jobs.core.Rejection;
import io.marketstreams.schema.BookHealth;
import io.marketstreams.schema.BookSide;
import io.marketstreams.schema.OrderBookDelta;
import io.marketstreams.schema.OrderBookSnapshot;
import io.marketstreams.schema.PriceLevel;
import io.marketstreams.schema.SnapshotReason;
import io.marketstreams.schema.venue.BookDelta;
import io.marketstreams.schema.venue.BookSnapshot;
import io.marketstreams.schema.venue.Ladder;
import io.marketstreams.schema.venue.LevelUpdate;
import io.marketstreams.schema.venue.UpdateKind;
import io.marketstreams.schema.venue.VenueMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Drives {@link MarketBooks} for one market the way the operator does, and after every step checks
 * what the outputs promise: every record applies cleanly to a client replica ({@link BookReplica},
 * written from the contract), the replica equals the job's book for every live book, and the stored
 * books pass the internal-state validator.
 */
final class BookScenario {
    final String venue;
    final String marketId;
    final MarketBooks books;
    final InMemoryMarketBookStore store = new InMemoryMarketBookStore();
    final Map<String, BookReplica> replicas = new HashMap<>();
    final List<OrderBookSnapshot> snapshots = new ArrayList<>();
    final List<OrderBookDelta> deltas = new ArrayList<>();
    final List<Rejection> rejections = new ArrayList<>();
    int duplicates;
    long time = 1_767_225_600_000L;

    BookScenario(String venue, int maxLevels, int snapshotEvery) {
        this.venue = venue;
        this.marketId = venue + ":M";
        this.books = new MarketBooks(maxLevels, snapshotEvery);
    }

    MarketBooks.Result send(Long seq, Object payload) {
        VenueMessage message =
                VenueMessage.newBuilder()
                        .setVenueId(venue)
                        .setVenueSequence(seq)
                        .setVenueStreamId(seq == null ? null : "sid-1")
                        .setVenueEventTime(time++)
                        .setIngestTime(time)
                        .setPayload(payload)
                        .build();
        return send(message);
    }

    MarketBooks.Result send(VenueMessage message) {
        BookConvention convention = Venues.bookConvention(venue);
        BookNormalizer.Result normalized =
                message.getPayload() instanceof BookSnapshot s
                        ? BookNormalizer.snapshot(s, convention)
                        : BookNormalizer.delta((BookDelta) message.getPayload(), convention);
        assertThat(normalized.rejection()).isNull();
        MarketBooks.Result result = books.process(message, marketId, normalized.book(), store);
        record(result);
        return result;
    }

    private void record(MarketBooks.Result result) {
        switch (result.disposition()) {
            case DUPLICATE -> {
                duplicates++;
                assertThat(result.deltas()).isEmpty();
                assertThat(result.snapshots()).isEmpty();
            }
            case REJECTED -> rejections.add(result.rejection());
            case APPLIED -> assertThat(result.rejection()).isNull();
        }
        // Emission order inside one message: deltas, then the snapshots (a PERIODIC snapshot
        // restates the book after its delta; a reset snapshot never shares a message with a delta
        // of the same book).
        for (OrderBookDelta d : result.deltas()) {
            deltas.add(d);
            BookReplica r = replica(d.getOutcomeId());
            BookReplica.Status status = r.apply(d);
            assertThat(status)
                    .as("delta %s of %s", d.getSequenceNumber(), d.getOutcomeId())
                    .isIn(BookReplica.Status.APPLIED);
        }
        for (OrderBookSnapshot s : result.snapshots()) {
            snapshots.add(s);
            BookReplica r = replica(s.getOutcomeId());
            BookReplica.Status status = r.apply(s);
            if (s.getReason() == SnapshotReason.PERIODIC
                    || s.getReason() == SnapshotReason.CLOSED) {
                assertThat(status).as("restating snapshot").isEqualTo(BookReplica.Status.REPEAT);
            } else {
                assertThat(status).as("reset snapshot").isEqualTo(BookReplica.Status.APPLIED);
            }
        }
        for (String outcome : store.outcomes()) {
            BookState state = store.book(outcome);
            OrderBook book = state.toBook();
            assertThat(book.invariantViolation()).isNull();
            if (state.health == BookHealth.LIVE) {
                assertThat(book.isCrossed()).isFalse();
                BookReplica r = replica(outcome);
                assertThat(r.sequence()).isEqualTo(state.sequence);
                assertThat(r.checksum()).isEqualTo(state.checksum);
                assertThat(prices(r.levels(BookSide.BID))).containsExactly(state.bidPrices);
                assertThat(prices(r.levels(BookSide.ASK))).containsExactly(state.askPrices);
            }
        }
    }

    BookReplica replica(String outcome) {
        return replicas.computeIfAbsent(outcome, o -> new BookReplica(marketId + "|" + o));
    }

    BookState book(String outcome) {
        return store.book(outcome);
    }

    static long[] prices(List<PriceLevel> levels) {
        return levels.stream().mapToLong(PriceLevel::getPrice).toArray();
    }

    static BookSnapshot snapshot(List<Ladder> ladders) {
        return new BookSnapshot("M", ladders);
    }

    static Ladder ladder(String outcome, BookSide side, long... priceQty) {
        List<PriceLevel> levels = new ArrayList<>();
        for (int i = 0; i < priceQty.length; i += 2) {
            levels.add(new PriceLevel(priceQty[i], priceQty[i + 1]));
        }
        return new Ladder(outcome, side, levels);
    }

    static BookDelta delta(LevelUpdate... updates) {
        return new BookDelta("M", List.of(updates));
    }

    static LevelUpdate signed(String outcome, BookSide side, long price, long change) {
        return new LevelUpdate(outcome, side, price, change, UpdateKind.DELTA);
    }

    static LevelUpdate absolute(String outcome, BookSide side, long price, long quantity) {
        return new LevelUpdate(outcome, side, price, quantity, UpdateKind.ABSOLUTE);
    }
}
