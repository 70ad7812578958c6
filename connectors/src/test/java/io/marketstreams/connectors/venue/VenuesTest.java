package io.marketstreams.connectors.venue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.marketstreams.connectors.kalshi.KalshiFrames;
import io.marketstreams.connectors.polymarket.PolymarketFrames;
import io.marketstreams.connectors.raw.ParsedFrame;
import io.marketstreams.connectors.raw.RawFrame;
import io.marketstreams.connectors.raw.RawFrameWire;
import io.marketstreams.schema.BookSide;
import io.marketstreams.schema.PriceLevel;
import io.marketstreams.schema.StreamTopic;
import io.marketstreams.schema.venue.VenueMessage;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The venue registry: what every venue must provide, and what an unknown venue id gets. */
class VenuesTest {

    /** A book frame of each registered venue, in its native shape. */
    private static final Map<String, byte[]> BOOK_FRAMES =
            Map.of(
                    "kalshi",
                    KalshiFrames.orderbookSnapshot(
                            3,
                            7,
                            "KXRAIN-A",
                            List.of(new KalshiFrames.Level(420_000, 10_000)),
                            List.of()),
                    "polymarket",
                    PolymarketFrames.book(
                                    new PolymarketFrames.Book(
                                            "0xabc",
                                            "7",
                                            1_767_225_600_000L,
                                            List.of(new PriceLevel(400_000L, 1_000_000L)),
                                            List.of(new PriceLevel(600_000L, 1_000_000L))))
                            .getBytes(StandardCharsets.UTF_8));

    @Test
    void everyRegisteredVenueProvidesEverything() {
        assertThat(Venues.all()).extracting(Venue::id).containsExactly("kalshi", "polymarket");
        for (Venue venue : Venues.all()) {
            assertThat(venue.parser()).as(venue.id()).isNotNull();
            assertThat(venue.bookConvention()).as(venue.id()).isNotNull();
            assertThat(venue.statuses()).as(venue.id()).isNotEmpty();
            assertThat(venue.statuses().values()).as(venue.id()).doesNotContainNull();
            assertThat(venue.rawTopic().isRaw()).as(venue.id()).isTrue();
            assertThat(venue.rawTopic().streamName())
                    .as(venue.id())
                    .isEqualTo(RawFrameWire.streamName(venue.id()));
            assertThat(Venues.require(venue.id())).isSameAs(venue);
        }
    }

    @Test
    void eachParserSpeaksForItsOwnVenue() {
        for (Venue venue : Venues.all()) {
            byte[] payload = BOOK_FRAMES.get(venue.id());
            ParsedFrame parsed = venue.parser().parse(new RawFrame(venue.id(), "c-1", 5L, payload));
            assertThat(parsed).as(venue.id()).isInstanceOf(ParsedFrame.Messages.class);
            assertThat(((ParsedFrame.Messages) parsed).messages())
                    .as(venue.id())
                    .isNotEmpty()
                    .extracting(VenueMessage::getVenueId)
                    .containsOnly(venue.id());
        }
    }

    @Test
    void everyRawTopicBelongsToExactlyOneVenue() {
        List<StreamTopic> raw =
                Arrays.stream(StreamTopic.values()).filter(StreamTopic::isRaw).toList();
        assertThat(Venues.rawTopics()).containsExactlyInAnyOrderElementsOf(raw);
        assertThat(Venues.rawTopics()).doesNotHaveDuplicates();
    }

    @Test
    void envelopesNumberKalshiFramesOnly() {
        Venue kalshi = Venues.require("kalshi");
        assertThat(kalshi.envelope(BOOK_FRAMES.get("kalshi")))
                .isEqualTo(new FrameEnvelope("3", 7L));
        assertThat(kalshi.envelope(KalshiFrames.error(1, 3L, 8L, 8, "unknown command")))
                .isEqualTo(new FrameEnvelope("3", 8L));
        assertThat(
                        kalshi.envelope(
                                KalshiFrames.restMarket(
                                        KalshiFrames.Market.of("M", "E", "t", "active"))))
                .isEqualTo(FrameEnvelope.NONE);
        assertThat(kalshi.envelope("not json".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(FrameEnvelope.NONE);
        assertThat(kalshi.envelope(new byte[0])).isEqualTo(FrameEnvelope.NONE);
        assertThat(Venues.require("polymarket").envelope(BOOK_FRAMES.get("polymarket")))
                .isEqualTo(FrameEnvelope.NONE);
    }

    @Test
    void conventionsAndStatusesOfTheRegisteredVenues() {
        assertThat(Venues.bookConvention("kalshi")).isEqualTo(BookConvention.BIDS_ONLY_COMPLEMENT);
        assertThat(Venues.bookConvention("polymarket"))
                .isEqualTo(BookConvention.FULL_BOOK_PER_OUTCOME);
        assertThat(Venues.statusOf("kalshi", "settled"))
                .isEqualTo(Venues.statusOf("kalshi", "finalized"));
        assertThat(Venues.statusOf("polymarket", "uma:disputed")).isEqualTo(VenueStatus.DISPUTED);
        // The tables are per venue: Kalshi's lifecycle vocabulary means nothing on Polymarket.
        assertThat(Venues.statusOf("polymarket", "initialized")).isNull();
        assertThat(Venues.statusOf("kalshi", "uma:resolved")).isNull();
        assertThat(Venues.statusOf("kalshi", null)).isNull();
    }

    @Test
    void unknownVenueIdsAreNeverGuessedAt() {
        for (String unknown : new String[] {"sim", "KALSHI", "", "raw.kalshi"}) {
            assertThat(Venues.find(unknown)).as(unknown).isEmpty();
            assertThat(Venues.statusOf(unknown, "active")).as(unknown).isNull();
            assertThat(Venues.bookConvention(unknown))
                    .as(unknown)
                    .isEqualTo(BookConvention.FULL_BOOK_PER_OUTCOME);
            assertThatThrownBy(() -> Venues.require(unknown))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("unknown venue '" + unknown + "'")
                    .hasMessageContaining("[kalshi, polymarket]");
        }
        assertThat(Venues.find(null)).isEmpty();
        assertThat(Venues.bookConvention(null)).isEqualTo(BookConvention.FULL_BOOK_PER_OUTCOME);
    }

    @Test
    void bookSidesOfTheConventionsDiffer() {
        // Guards the meaning the job relies on: only a full-book venue publishes asks.
        ParsedFrame kalshi =
                Venues.require("kalshi")
                        .parser()
                        .parse(new RawFrame("kalshi", "c", 1L, BOOK_FRAMES.get("kalshi")));
        ParsedFrame polymarket =
                Venues.require("polymarket")
                        .parser()
                        .parse(new RawFrame("polymarket", "c", 1L, BOOK_FRAMES.get("polymarket")));
        assertThat(ladderSides(kalshi)).containsOnly(BookSide.BID);
        assertThat(ladderSides(polymarket)).contains(BookSide.ASK);
    }

    private static List<BookSide> ladderSides(ParsedFrame parsed) {
        var snapshot =
                (io.marketstreams.schema.venue.BookSnapshot)
                        ((ParsedFrame.Messages) parsed).messages().get(0).getPayload();
        return snapshot.getLadders().stream().map(l -> l.getSide()).toList();
    }
}
