package io.marketstreams.jobs.flink;

import io.marketstreams.connectors.kalshi.KalshiFrames;
import io.marketstreams.connectors.polymarket.PolymarketFrames;
import io.marketstreams.jobs.core.linking.EventLink;
import io.marketstreams.jobs.core.linking.LinkChanges;
import io.marketstreams.jobs.core.linking.MarketRelation;
import io.marketstreams.jobs.core.linking.Provenance;
import io.marketstreams.jobs.core.linking.Relation;
import io.marketstreams.jobs.core.market.MarketInputs;
import io.marketstreams.schema.Quarantined;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.types.Either;

/**
 * Inputs of the canonical job's stages for the operator tests, made the way the job makes them:
 * native frames from the connectors' frame builders ({@link KalshiFrames}, {@link
 * PolymarketFrames}) as the raw source reads them, the venue messages the {@code raw-frames} stage
 * parses from them, and curated link changes as the {@code links} source decodes them.
 */
final class OperatorInputs {
    static final long T0 = MarketInputs.T0;
    static final String KALSHI = "kalshi";
    static final String POLYMARKET = "polymarket";
    static final long CENT = 10_000L;
    static final long CONTRACT = 1_000_000L;

    private OperatorInputs() {}

    /** A raw-topic record: a frame of {@code venue} over {@code connection}, received at T0+ms. */
    static IngestedFrame frame(String venue, String connection, long offset, byte[] payload) {
        IngestedFrame frame = new IngestedFrame();
        frame.venueId = venue;
        frame.connectionId = connection;
        frame.receiveTime = T0 + offset;
        frame.payload = payload;
        frame.sourceTopic = "raw." + venue;
        frame.sourcePartition = 0;
        frame.sourceOffset = offset;
        return frame;
    }

    /** A Kalshi frame over connection {@code kalshi-1}. */
    static IngestedFrame kalshi(long offset, byte[] payload) {
        return frame(KALSHI, "kalshi-1", offset, payload);
    }

    /** A Polymarket frame over connection {@code polymarket-1}. */
    static IngestedFrame polymarket(long offset, String json) {
        return frame(POLYMARKET, "polymarket-1", offset, json.getBytes(StandardCharsets.UTF_8));
    }

    /** A source record of a decoded frame. */
    static Either<Quarantined, IngestedFrame> right(IngestedFrame frame) {
        return Either.Right(frame);
    }

    /**
     * The venue messages the {@code raw-frames} stage makes of the frames, in order: what the
     * router and, from it, the event catalog receive.
     */
    static List<IngestedMessage> messages(IngestedFrame... frames) throws Exception {
        try (var h = rawFrames(HarnessView.Backend.HEAP)) {
            h.open();
            for (IngestedFrame frame : frames) {
                h.processElement(right(frame), frame.receiveTime);
            }
            List<IngestedMessage> messages = new ArrayList<>();
            for (Either<Quarantined, IngestedMessage> out : h.extractOutputValues()) {
                messages.add(out.right());
            }
            return messages;
        }
    }

    /** The {@code raw-frames} stage in the keyed harness, keyed by venue as in the job. */
    static KeyedOneInputStreamOperatorTestHarness<
                    String,
                    Either<Quarantined, IngestedFrame>,
                    Either<Quarantined, IngestedMessage>>
            rawFrames(HarnessView.Backend backend) throws Exception {
        return HarnessView.keyed(
                new RawFrameFunction(),
                RawFrameFunction::venue,
                SourceRecords.type(IngestedFrame.class),
                SourceRecords.type(IngestedMessage.class),
                backend);
    }

    /** A Kalshi REST event with one active binary market per suffix ({@code TICKER-SUFFIX}). */
    static byte[] kalshiEvent(
            String ticker, String title, String category, Long strikeDate, String... suffixes) {
        List<KalshiFrames.Market> markets =
                Arrays.stream(suffixes)
                        .map(s -> KalshiFrames.Market.of(ticker + "-" + s, ticker, title, "active"))
                        .toList();
        return KalshiFrames.restEvent(
                new KalshiFrames.Event(
                        ticker,
                        ticker.split("-")[0],
                        title,
                        null,
                        category,
                        false,
                        strikeDate,
                        markets));
    }

    /** A Kalshi REST frame of event {@code KXFED-25DEC} (Economics) with the given markets. */
    static IngestedFrame fedEvent(long offset, String title, String... marketSuffixes) {
        return kalshi(offset, kalshiEvent("KXFED-25DEC", title, "Economics", null, marketSuffixes));
    }

    /** A Gamma event with one binary market whose tokens are {@link #token}{@code (letter, n)}. */
    static String polymarketEvent(
            String id, String title, String category, Long end, String market, String letter) {
        PolymarketFrames.GammaMarket gammaMarket =
                PolymarketFrames.GammaMarket.binary(
                        market, title, token(letter, 1), token(letter, 2), end, CENT);
        return PolymarketFrames.gammaEvent(
                PolymarketFrames.GammaEvent.of(id, title, category, end, List.of(gammaMarket)));
    }

    /** A 70-digit token id: the letter's code point, then the outcome (1 YES, 2 NO). */
    static String token(String letter, int outcome) {
        return (int) letter.charAt(0) + String.valueOf(outcome).repeat(68);
    }

    /** A Kalshi book level in cents and whole contracts. */
    static KalshiFrames.Level level(long cents, long contracts) {
        return new KalshiFrames.Level(cents * CENT, contracts * CONTRACT);
    }

    /**
     * A curated link record at {@code offset} of the {@code links} topic: the Polymarket event
     * belongs with the Kalshi event's canonical event (or, removed, no longer does).
     */
    static LinkerInput eventLink(
            String polymarketEvent,
            String kalshiEvent,
            int revision,
            boolean removed,
            long effectiveTime,
            long offset) {
        EventLink link =
                new EventLink(
                        POLYMARKET,
                        polymarketEvent,
                        KALSHI + ":" + kalshiEvent,
                        10_000,
                        Provenance.CURATED,
                        revision);
        return LinkerInput.of(
                LinkChanges.of(link, removed, null, effectiveTime), "links", 0, offset);
    }

    /** A curated market relation record at {@code offset} of the {@code links} topic. */
    static LinkerInput marketRelation(
            String marketA, String marketB, Relation relation, long effectiveTime, long offset) {
        MarketRelation r =
                new MarketRelation(marketA, marketB, relation, 9_000, Provenance.CURATED, 1);
        return LinkerInput.of(LinkChanges.of(r, false, null, effectiveTime), "links", 0, offset);
    }

    /**
     * The linker's inputs for event frames: the venue events and markets the raw stage parses from
     * them, as the event catalog forwards their first sightings.
     */
    static List<LinkerInput> forLinker(IngestedFrame... eventFrames) throws Exception {
        return messages(eventFrames).stream().map(LinkerInput::of).toList();
    }
}
