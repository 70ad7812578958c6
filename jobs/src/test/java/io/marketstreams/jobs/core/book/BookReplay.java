package io.marketstreams.jobs.core.book;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketstreams.client.BookReplica;
import io.marketstreams.connectors.venue.BookConvention;
import io.marketstreams.connectors.venue.Venues;
import io.marketstreams.jobs.core.MarketIds;
import io.marketstreams.schema.AvroCodec;
import io.marketstreams.schema.BookHealth;
import io.marketstreams.schema.BookSide;
import io.marketstreams.schema.OrderBookDelta;
import io.marketstreams.schema.OrderBookSnapshot;
import io.marketstreams.schema.PriceLevel;
import io.marketstreams.schema.venue.BookDelta;
import io.marketstreams.schema.venue.BookSnapshot;
import io.marketstreams.schema.venue.VenueMessage;
import io.marketstreams.sim.GeneratedRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Replays generated venue book records through {@link MarketBooks} exactly as the market operator
 * does (one store per market), and after every message checks that each client replica equals the
 * job's book at the same sequence.
 */
final class BookReplay {
    final MarketBooks books;
    final Map<String, InMemoryMarketBookStore> stores = new HashMap<>();
    final Map<String, BookReplica> replicas = new HashMap<>();
    final List<OrderBookSnapshot> snapshots = new ArrayList<>();
    final List<OrderBookDelta> deltas = new ArrayList<>();
    final AvroCodec<VenueMessage> codec = AvroCodec.of(VenueMessage.class);
    int applied;
    int duplicates;
    int rejected;
    int catalog;

    BookReplay(int maxLevels, int snapshotEvery) {
        books = new MarketBooks(maxLevels, snapshotEvery);
    }

    /** Replays one generated record; catalog records do not touch books and are skipped. */
    void accept(GeneratedRecord record) throws Exception {
        if (record.kind() == GeneratedRecord.Kind.CATALOG) {
            catalog++;
            return;
        }
        VenueMessage message = codec.decode(record.value());
        String marketId = MarketIds.marketIdOf(message);
        BookConvention convention = Venues.bookConvention(message.getVenueId());
        BookNormalizer.Result normalized =
                message.getPayload() instanceof BookSnapshot s
                        ? BookNormalizer.snapshot(s, convention)
                        : BookNormalizer.delta((BookDelta) message.getPayload(), convention);
        assertThat(normalized.rejection()).isNull();
        InMemoryMarketBookStore store =
                stores.computeIfAbsent(marketId, m -> new InMemoryMarketBookStore());
        MarketBooks.Result result = books.process(message, marketId, normalized.book(), store);
        switch (result.disposition()) {
            case APPLIED -> applied++;
            case DUPLICATE -> duplicates++;
            case REJECTED -> rejected++;
        }
        for (OrderBookDelta d : result.deltas()) {
            deltas.add(d);
            replica(d.getMarketId(), d.getOutcomeId()).apply(d);
        }
        for (OrderBookSnapshot s : result.snapshots()) {
            snapshots.add(s);
            replica(s.getMarketId(), s.getOutcomeId()).apply(s);
        }
        for (String outcome : store.outcomes()) {
            BookState state = store.book(outcome);
            BookReplica replica = replica(marketId, outcome);
            assertThat(replica.sequence())
                    .as("%s|%s sequence", marketId, outcome)
                    .isEqualTo(state.sequence);
            if (state.health == BookHealth.LIVE) {
                assertThat(replica.hasBook()).isTrue();
                assertThat(replica.checksum()).isEqualTo(state.checksum);
                assertThat(prices(replica.levels(BookSide.BID))).containsExactly(state.bidPrices);
                assertThat(quantities(replica.levels(BookSide.BID))).containsExactly(state.bidQty);
                assertThat(prices(replica.levels(BookSide.ASK))).containsExactly(state.askPrices);
                assertThat(quantities(replica.levels(BookSide.ASK))).containsExactly(state.askQty);
                assertThat(state.toBook().invariantViolation()).isNull();
            }
        }
    }

    BookReplica replica(String marketId, String outcome) {
        return replicas.computeIfAbsent(marketId + "|" + outcome, BookReplica::new);
    }

    static long[] prices(List<PriceLevel> levels) {
        return levels.stream().mapToLong(PriceLevel::getPrice).toArray();
    }

    static long[] quantities(List<PriceLevel> levels) {
        return levels.stream().mapToLong(PriceLevel::getQuantity).toArray();
    }
}
