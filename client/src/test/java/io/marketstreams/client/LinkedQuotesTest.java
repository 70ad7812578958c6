package io.marketstreams.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.marketstreams.schema.BookHealth;
import io.marketstreams.schema.Event;
import io.marketstreams.schema.MarketLink;
import io.marketstreams.schema.MarketRelationType;
import io.marketstreams.schema.OrderBookSnapshot;
import io.marketstreams.schema.PriceLevel;
import io.marketstreams.schema.SnapshotReason;
import io.marketstreams.schema.VenueEventRef;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Linked markets' quotes on one orientation; the numbers are docs/client.md's worked example. */
class LinkedQuotesTest {
    static final String KALSHI = "kalshi:KXFED-25DEC-HOLD";
    static final String POLY = "polymarket:0xdef";
    static final String OTHER = "polymarket:0xghi";

    final Map<String, BookReplica> books = new HashMap<>();

    /** A real replica fed a snapshot with the given best levels (and one worse level each). */
    BookReplica book(String market, long bid, long bidSize, long ask, long askSize, long seq) {
        List<PriceLevel> bids =
                List.of(new PriceLevel(bid, bidSize), new PriceLevel(bid - 10_000, 1_000_000L));
        List<PriceLevel> asks =
                List.of(new PriceLevel(ask, askSize), new PriceLevel(ask + 10_000, 1_000_000L));
        return feed(market, bids, asks, seq);
    }

    BookReplica feed(String market, List<PriceLevel> bids, List<PriceLevel> asks, long seq) {
        long checksum = 0;
        for (PriceLevel l : bids) {
            checksum += Checksum.level(true, l.getPrice(), l.getQuantity());
        }
        for (PriceLevel l : asks) {
            checksum += Checksum.level(false, l.getPrice(), l.getQuantity());
        }
        OrderBookSnapshot snapshot =
                OrderBookSnapshot.newBuilder()
                        .setMarketId(market)
                        .setOutcomeId("YES")
                        .setVenueId(market.substring(0, market.indexOf(':')))
                        .setSequenceStart(seq)
                        .setBids(bids)
                        .setAsks(asks)
                        .setChecksum(checksum)
                        .setReason(SnapshotReason.INITIAL)
                        .setHealth(BookHealth.LIVE)
                        .setVenueEventTime(10)
                        .setIngestTime(11)
                        .build();
        BookReplica replica = new BookReplica(market + "|YES");
        assertThat(replica.apply(snapshot)).isEqualTo(BookReplica.Status.APPLIED);
        books.put(replica.key(), replica);
        return replica;
    }

    static MarketLink link(String a, String b, MarketRelationType relation) {
        return new MarketLink(a, b, relation, 10_000, "CURATED");
    }

    static Event event(MarketLink... links) {
        return Event.newBuilder()
                .setEventId("kalshi:KXFED-25DEC")
                .setRevision(2)
                .setEventName("Fed decision in December 2025?")
                .setVenueEvents(
                        List.of(
                                new VenueEventRef("kalshi", "KXFED-25DEC"),
                                new VenueEventRef("polymarket", "12345")))
                .setVenueEventTime(1)
                .setIngestTime(2)
                .setMarketLinks(List.of(links))
                .build();
    }

    static final long CENT = 10_000;

    @Test
    void aComplementsQuoteIsFlippedWithItsSizes() {
        book(KALSHI, 640_000, 3_000_000, 720_000, 4_000_000, 5);
        book(POLY, 300_000, 5_000_000, 350_000, 7_000_000, 9);
        LinkedQuotes linked =
                new LinkedQuotes(
                        event(link(KALSHI, POLY, MarketRelationType.COMPLEMENT)), books::get);

        List<LinkedQuotes.Quote> quotes = linked.quotes(KALSHI);

        assertThat(quotes)
                .containsExactly(
                        new LinkedQuotes.Quote(
                                KALSHI,
                                MarketRelationType.SAME,
                                640_000L,
                                3_000_000L,
                                720_000L,
                                4_000_000L,
                                true,
                                BookHealth.LIVE,
                                5L),
                        // YES bid 0.30 x 5, ask 0.35 x 7 -> bid 0.65 x 7, ask 0.70 x 5.
                        new LinkedQuotes.Quote(
                                POLY,
                                MarketRelationType.COMPLEMENT,
                                650_000L,
                                7_000_000L,
                                700_000L,
                                5_000_000L,
                                true,
                                BookHealth.LIVE,
                                9L));
        // Seen from the other side the Kalshi book flips instead: 1 - 0.72 = 0.28, 1 - 0.64 = 0.36.
        assertThat(linked.quotes(POLY).get(1))
                .extracting(
                        LinkedQuotes.Quote::bidPrice,
                        LinkedQuotes.Quote::bidSize,
                        LinkedQuotes.Quote::askPrice,
                        LinkedQuotes.Quote::askSize)
                .containsExactly(280_000L, 4_000_000L, 360_000L, 3_000_000L);
    }

    @Test
    void aSameMarketsQuoteIsUnchanged() {
        book(KALSHI, 300_000, 5_000_000, 350_000, 7_000_000, 1);
        book(POLY, 310_000, 2_000_000, 330_000, 1_000_000, 2);
        LinkedQuotes linked =
                new LinkedQuotes(event(link(KALSHI, POLY, MarketRelationType.SAME)), books::get);
        LinkedQuotes.Quote poly = linked.quotes(KALSHI).get(1);
        assertThat(poly.relation()).isEqualTo(MarketRelationType.SAME);
        assertThat(poly)
                .extracting(
                        LinkedQuotes.Quote::bidPrice,
                        LinkedQuotes.Quote::bidSize,
                        LinkedQuotes.Quote::askPrice,
                        LinkedQuotes.Quote::askSize)
                .containsExactly(310_000L, 2_000_000L, 330_000L, 1_000_000L);
    }

    @Test
    void relationsComposeAlongAChainAndEmptySidesStayEmpty() {
        book(KALSHI, 400_000, 1_000_000, 420_000, 1_000_000, 1);
        // Only asks on the complement: after the flip it has only a bid.
        feed(POLY, List.of(), List.of(new PriceLevel(590_000L, 8_000_000L)), 3);
        book(OTHER, 410_000, 2_000_000, 430_000, 6_000_000, 4);
        // KALSHI -COMPLEMENT- POLY -COMPLEMENT- OTHER: OTHER is SAME as KALSHI.
        LinkedQuotes linked =
                new LinkedQuotes(
                        event(
                                link(POLY, OTHER, MarketRelationType.COMPLEMENT),
                                link(KALSHI, POLY, MarketRelationType.COMPLEMENT)),
                        books::get);

        assertThat(linked.relations(KALSHI))
                .containsExactly(
                        Map.entry(KALSHI, MarketRelationType.SAME),
                        Map.entry(POLY, MarketRelationType.COMPLEMENT),
                        Map.entry(OTHER, MarketRelationType.SAME));
        List<LinkedQuotes.Quote> quotes = linked.quotes(KALSHI);
        assertThat(quotes)
                .extracting(LinkedQuotes.Quote::marketId)
                .containsExactly(KALSHI, POLY, OTHER);
        assertThat(quotes.get(2).bidPrice()).isEqualTo(410_000L);
        assertThat(quotes.get(2).askSize()).isEqualTo(6_000_000L);
        LinkedQuotes.Quote poly = quotes.get(1);
        assertThat(poly.bidPrice()).isEqualTo(410_000L);
        assertThat(poly.bidSize()).isEqualTo(8_000_000L);
        assertThat(poly.askPrice()).isNull();
        assertThat(poly.askSize()).isNull();
        assertThat(poly.hasBook()).isTrue();
    }

    @Test
    void aContradictoryCycleNamesTheMarkets() {
        // KALSHI = POLY, POLY = OTHER, but KALSHI = NOT OTHER.
        LinkedQuotes linked =
                new LinkedQuotes(
                        event(
                                link(KALSHI, POLY, MarketRelationType.SAME),
                                link(POLY, OTHER, MarketRelationType.SAME),
                                link(KALSHI, OTHER, MarketRelationType.COMPLEMENT)),
                        books::get);
        assertThatThrownBy(() -> linked.quotes(KALSHI))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("contradictory market links")
                .hasMessageContaining(KALSHI)
                .hasMessageContaining(OTHER)
                .hasMessageContaining("event kalshi:KXFED-25DEC");
    }

    @Test
    void aMissingOrDroppedBookGivesNoPrices() {
        book(KALSHI, 300_000, 5_000_000, 350_000, 7_000_000, 1);
        BookReplica dropped = book(OTHER, 300_000, 5_000_000, 350_000, 7_000_000, 1);
        // A delta two sequences ahead is a gap: the replica drops its book until a snapshot.
        assertThat(
                        dropped.apply(
                                io.marketstreams.schema.OrderBookDelta.newBuilder()
                                        .setMarketId(OTHER)
                                        .setOutcomeId("YES")
                                        .setVenueId("polymarket")
                                        .setSequenceNumber(3)
                                        .setMutations(List.of())
                                        .setChecksum(0)
                                        .setHealth(BookHealth.LIVE)
                                        .setVenueEventTime(20)
                                        .setIngestTime(21)
                                        .build()))
                .isEqualTo(BookReplica.Status.GAP);
        LinkedQuotes linked =
                new LinkedQuotes(
                        event(
                                link(KALSHI, POLY, MarketRelationType.COMPLEMENT),
                                link(KALSHI, OTHER, MarketRelationType.SAME)),
                        books::get);
        List<LinkedQuotes.Quote> quotes = linked.quotes(KALSHI);
        assertThat(quotes.get(1))
                .isEqualTo(
                        new LinkedQuotes.Quote(
                                POLY,
                                MarketRelationType.COMPLEMENT,
                                null,
                                null,
                                null,
                                null,
                                false,
                                null,
                                null));
        assertThat(quotes.get(2).marketId()).isEqualTo(OTHER);
        assertThat(quotes.get(2).hasBook()).isFalse();
        assertThat(quotes.get(2).health()).isEqualTo(BookHealth.RESYNCING);
        assertThat(quotes.get(2).bidPrice()).isNull();
    }

    @Test
    void aMarketWithoutLinksIsAloneAndMarketsOfOtherClustersAreLeftOut() {
        LinkedQuotes linked =
                new LinkedQuotes(event(link(POLY, OTHER, MarketRelationType.SAME)), books::get);
        assertThat(linked.quotes(KALSHI))
                .extracting(LinkedQuotes.Quote::marketId)
                .containsExactly(KALSHI);
    }
}
