package io.marketstreams.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.marketstreams.client.LinkedQuotes;
import io.marketstreams.connectors.kalshi.KalshiFrames;
import io.marketstreams.connectors.polymarket.PolymarketFrames;
import io.marketstreams.connectors.raw.RawFrame;
import io.marketstreams.jobs.core.linking.EventLink;
import io.marketstreams.jobs.core.linking.LinkChanges;
import io.marketstreams.jobs.core.linking.MarketRelation;
import io.marketstreams.jobs.core.linking.Provenance;
import io.marketstreams.jobs.core.linking.Relation;
import io.marketstreams.jobs.flink.RecordAccounting;
import io.marketstreams.schema.Event;
import io.marketstreams.schema.EventResolution;
import io.marketstreams.schema.FinalityStatus;
import io.marketstreams.schema.LinkCandidate;
import io.marketstreams.schema.LinkChange;
import io.marketstreams.schema.Market;
import io.marketstreams.schema.MarketLink;
import io.marketstreams.schema.MarketRelationType;
import io.marketstreams.schema.PriceLevel;
import io.marketstreams.schema.Quarantined;
import io.marketstreams.schema.ReasonCode;
import io.marketstreams.schema.VenueEventRef;
import io.marketstreams.testkit.OutputChecker;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobExecutionResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Cross-venue linking end to end (embedded Kafka, MiniCluster, RocksDB, exactly-once): native
 * Kalshi and Polymarket frames through the raw topics, curated links from the {@code links} topic,
 * automatic rules. Four questions listed on both venues:
 *
 * <ul>
 *   <li>Fed: a curated event link and a COMPLEMENT market relation (Kalshi asks "hold", Polymarket
 *       "cut"); both venues then resolve YES, which contradicts: {@code events.resolved} DISPUTED.
 *   <li>GDP: a curated link, later removed (a split correction).
 *   <li>Rain: same title, category and expiry: linked by the rules (applied).
 *   <li>Snow: similar titles only: proposed by the rules, below the threshold, not applied.
 * </ul>
 *
 * Plus one invalid link record, which is quarantined.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LinkingKafkaITCase {
    private static final long T0 = 1_767_225_600_000L;
    private static final long CENT = 10_000L;
    private static final long CONTRACT = 1_000_000L;
    private static final long EXPIRY = 1_767_312_000_000L;

    private JobRuns runs;
    private final List<RawFrame> frames = new ArrayList<>();
    private final List<LinkChange> links = new ArrayList<>();
    private long clock = T0;
    private long splitTime;
    private JobExecutionResult result;
    private OutputChecker.Report report;

    @BeforeAll
    void run() throws Exception {
        runs = JobRuns.start();

        links.add(
                LinkChanges.of(
                        eventLink("KXFED-25DEC", "7001", 1), false, "Fed, December", T0 - 1000));
        links.add(
                LinkChanges.of(
                        new MarketRelation(
                                "kalshi:KXFED-25DEC-HOLD",
                                "polymarket:0xfed",
                                Relation.COMPLEMENT,
                                9_000,
                                Provenance.CURATED,
                                1),
                        false,
                        "poly asks cut",
                        T0 - 1000));
        links.add(LinkChanges.of(eventLink("KXGDP-25Q4", "7002", 1), false, null, T0 - 1000));

        kalshiEvent("KXFED-25DEC", "Fed decision in December", "Economics", null, "HOLD");
        polyEvent("7001", "Will the Fed cut rates in December?", "Economics", null, "0xfed", "F");
        kalshiEvent("KXGDP-25Q4", "GDP growth in Q4", "Economics", null, "ABOVE2");
        polyEvent("7002", "US GDP growth Q4 2025", "Economics", null, "0xgdp", "G");
        kalshiEvent("KXRAIN-1DEC", "Rain in NYC on December 1", "Climate", EXPIRY, "Y");
        polyEvent("7003", "Rain in NYC on December 1", "Climate", EXPIRY, "0xrain", "R");
        kalshiEvent("KXSNOW-25", "Snow in Boston this winter", "Climate", null, "Y");
        polyEvent(
                "7004", "Snow in Boston this winter season total", "Weather", null, "0xsnow", "S");

        // Books of the linked Fed markets: Kalshi YES (hold) bid 0.30 x 5, ask 0.35 x 7.
        kalshi(KalshiFrames.subscribed(1, 1, "orderbook_delta"));
        kalshi(
                KalshiFrames.orderbookSnapshot(
                        1, 1, "KXFED-25DEC-HOLD", List.of(level(30, 5)), List.of(level(65, 7))));
        poly(
                PolymarketFrames.books(
                        List.of(
                                book("0xfed", "F", 1, 66, 10, 69, 4),
                                book("0xfed", "F", 2, 31, 4, 34, 10))));

        // The GDP link is removed later: a split.
        splitTime = tick();
        links.add(
                LinkChanges.of(
                        eventLink("KXGDP-25Q4", "7002", 2), true, "not the same", splitTime));
        tick();

        // Both venues resolve their Fed market YES: hold and cut cannot both happen.
        kalshi(
                KalshiFrames.marketResolved(
                        2,
                        "KXFED-25DEC-HOLD",
                        "determined",
                        "yes",
                        null,
                        T0 / 1000 * 1000 + 60_000));
        poly(
                PolymarketFrames.marketResolved(
                        "0xfed",
                        List.of(token("F", 1), token("F", 2)),
                        token("F", 1),
                        "Yes",
                        tick()));

        runs.provisionRaw("link-in");
        runs.produceFrames("link-in", frames);
        produceLinks("link-in");
        result = runs.rawFrames("link-in", "link-a").runBounded();
        report = new OutputChecker(runs.bootstrap(), "link-a").check();
    }

    @AfterAll
    void stop() throws Exception {
        runs.close();
    }

    @Test
    void theOutputKeepsEveryInvariantAndEveryLinkRecordIsAccountedFor() {
        assertThat(report.violations()).isEmpty();
        Map<String, Object> acc = result.getAllAccumulatorResults();
        AccountingIdentities.assertFramesAccountedFor(acc, frames.size());
        assertThat(acc.get(RecordAccounting.Names.LINKS_IN)).isEqualTo((long) links.size() + 1);
        assertThat(acc.get(RecordAccounting.Names.LINKS_APPLIED)).isEqualTo((long) links.size());
        assertThat(acc.get(RecordAccounting.Names.LINKS_STALE)).isEqualTo(0L);
        assertThat(acc.get(RecordAccounting.Names.LINKS_QUARANTINED)).isEqualTo(1L);
        assertThat(report.quarantined())
                .filteredOn(q -> q.getStage().equals("event-linker"))
                .extracting(Quarantined::getReason)
                .containsExactly(ReasonCode.OTHER);
    }

    @Test
    void aCuratedLinkMergesBothVenuesIntoOneCanonicalEvent() {
        Event fed = last("kalshi:KXFED-25DEC");
        assertThat(fed.getVenueEvents())
                .containsExactly(
                        new VenueEventRef("kalshi", "KXFED-25DEC"),
                        new VenueEventRef("polymarket", "7001"));
        assertThat(fed.getMarketLinks())
                .containsExactly(
                        new MarketLink(
                                "kalshi:KXFED-25DEC-HOLD",
                                "polymarket:0xfed",
                                MarketRelationType.COMPLEMENT,
                                9_000,
                                "CURATED"));
        // The Polymarket event joined before its own id was ever emitted.
        assertThat(eventsOf("polymarket:7001")).isEmpty();
        assertThat(market("polymarket:0xfed").getEventId()).isEqualTo("kalshi:KXFED-25DEC");
        assertThat(market("kalshi:KXFED-25DEC-HOLD").getEventId()).isEqualTo("kalshi:KXFED-25DEC");
    }

    @Test
    void theClientShowsBothBooksInOneOrientation() {
        LinkedQuotes linked = new LinkedQuotes(last("kalshi:KXFED-25DEC"), report.books()::get);
        // Kalshi YES ("hold"): bid 0.30 x 5 / ask 0.35 x 7. Polymarket YES ("cut"): bid
        // 0.66 x 10 / ask 0.69 x 4, which as "hold" is bid 0.31 x 4 / ask 0.34 x 10.
        assertThat(linked.quotes("kalshi:KXFED-25DEC-HOLD"))
                .extracting(
                        LinkedQuotes.Quote::marketId,
                        LinkedQuotes.Quote::relation,
                        LinkedQuotes.Quote::bidPrice,
                        LinkedQuotes.Quote::bidSize,
                        LinkedQuotes.Quote::askPrice,
                        LinkedQuotes.Quote::askSize)
                .containsExactly(
                        tuple(
                                "kalshi:KXFED-25DEC-HOLD",
                                MarketRelationType.SAME,
                                30 * CENT,
                                5 * CONTRACT,
                                35 * CENT,
                                7 * CONTRACT),
                        tuple(
                                "polymarket:0xfed",
                                MarketRelationType.COMPLEMENT,
                                31 * CENT,
                                4 * CONTRACT,
                                34 * CENT,
                                10 * CONTRACT));
    }

    @Test
    void removingALinkSplitsTheEventAndRepointsTheMarket() {
        List<Event> gdp = eventsOf("kalshi:KXGDP-25Q4");
        assertThat(gdp).extracting(Event::getRevision).containsExactly(1, 2, 3);
        assertThat(gdp.get(1).getVenueEvents()).hasSize(2);
        assertThat(gdp.get(2).getVenueEvents())
                .containsExactly(new VenueEventRef("kalshi", "KXGDP-25Q4"));
        assertThat(gdp.get(2).getIngestTime()).isEqualTo(splitTime);
        assertThat(eventsOf("polymarket:7002"))
                .singleElement()
                .satisfies(
                        e ->
                                assertThat(e.getVenueEvents())
                                        .containsExactly(new VenueEventRef("polymarket", "7002")));
        assertThat(report.lifecycle().marketUpdates())
                .filteredOn(u -> u.getMarketId().equals("polymarket:0xgdp"))
                .singleElement()
                .satisfies(
                        u -> {
                            assertThat(u.getFieldMask()).containsExactly("event_id");
                            assertThat(u.getEventId()).isEqualTo("polymarket:7002");
                        });
        assertThat(market("polymarket:0xgdp").getEventId()).isEqualTo("kalshi:KXGDP-25Q4");
    }

    @Test
    void rulesLinkTheSameQuestionAndOnlyProposeASimilarOne() {
        Event rain = last("kalshi:KXRAIN-1DEC");
        assertThat(rain.getVenueEvents())
                .containsExactly(
                        new VenueEventRef("kalshi", "KXRAIN-1DEC"),
                        new VenueEventRef("polymarket", "7003"));
        assertThat(market("polymarket:0xrain").getEventId()).isEqualTo("kalshi:KXRAIN-1DEC");

        Event snow = last("kalshi:KXSNOW-25");
        assertThat(snow.getVenueEvents()).containsExactly(new VenueEventRef("kalshi", "KXSNOW-25"));
        assertThat(snow.getLinkCandidates())
                .extracting(
                        LinkCandidate::getOtherVenueEvent,
                        LinkCandidate::getRule,
                        LinkCandidate::getStatus)
                .containsExactly(tuple("polymarket:7004", "title", "BELOW_THRESHOLD"));
        assertThat(last("polymarket:7004").getVenueEvents()).hasSize(1);
    }

    @Test
    void contradictoryVenueResolutionsAreDisputed() {
        List<EventResolution> fed =
                report.lifecycle().eventResolutions().stream()
                        .filter(r -> r.getEventId().equals("kalshi:KXFED-25DEC"))
                        .toList();
        assertThat(fed).isNotEmpty();
        EventResolution last = fed.get(fed.size() - 1);
        assertThat(last.getFinalityStatus()).isEqualTo(FinalityStatus.DISPUTED);
        assertThat(last.getResolvedOutcome()).isNull();
        assertThat(last.getMarkets()).hasSize(2);
    }

    @Test
    void aRerunIsByteIdenticalPerKey() throws Exception {
        runs.rawFrames("link-in", "link-b").runBounded();
        runs.assertSameOutput("link-a", "link-b", false);
    }

    private Event last(String eventId) {
        List<Event> events = eventsOf(eventId);
        assertThat(events).as("events.discovered of %s", eventId).isNotEmpty();
        return events.get(events.size() - 1);
    }

    private List<Event> eventsOf(String eventId) {
        return report.lifecycle().events().stream()
                .filter(e -> e.getEventId().equals(eventId))
                .sorted(Comparator.comparingInt(Event::getRevision))
                .toList();
    }

    private Market market(String marketId) {
        return report.lifecycle().markets().stream()
                .filter(m -> m.getMarketId().equals(marketId))
                .findFirst()
                .orElseThrow();
    }

    private static EventLink eventLink(String kalshiEvent, String polyEvent, int revision) {
        return new EventLink(
                "polymarket",
                polyEvent,
                "kalshi:" + kalshiEvent,
                10_000,
                Provenance.CURATED,
                revision);
    }

    private void produceLinks(String namespace) {
        runs.produceLinks(namespace, links);
        // A market relation without its second side: quarantined, not applied.
        LinkChange invalid =
                LinkChange.newBuilder(links.get(1)).setVenueB(null).setIdB(null).build();
        runs.produceLink(namespace, "bad", invalid, T0);
    }

    private void kalshiEvent(
            String ticker, String title, String category, Long strikeDate, String suffix) {
        kalshi(
                KalshiFrames.restEvent(
                        new KalshiFrames.Event(
                                ticker,
                                ticker.split("-")[0],
                                title,
                                null,
                                category,
                                false,
                                strikeDate,
                                List.of(
                                        KalshiFrames.Market.of(
                                                ticker + "-" + suffix, ticker, title, "active")))));
    }

    private void polyEvent(
            String id, String title, String category, Long end, String market, String tokens) {
        poly(
                PolymarketFrames.gammaEvent(
                        PolymarketFrames.GammaEvent.of(
                                id,
                                title,
                                category,
                                end,
                                List.of(
                                        PolymarketFrames.GammaMarket.binary(
                                                market,
                                                title,
                                                token(tokens, 1),
                                                token(tokens, 2),
                                                end,
                                                CENT)))));
    }

    /** A 70-digit token id: the letter's code point, then the outcome (1 YES, 2 NO). */
    private static String token(String letter, int outcome) {
        return String.valueOf((int) letter.charAt(0)) + String.valueOf(outcome).repeat(68);
    }

    private static PolymarketFrames.Book book(
            String market,
            String tokens,
            int outcome,
            long bidCents,
            long bidContracts,
            long askCents,
            long askContracts) {
        return new PolymarketFrames.Book(
                market,
                token(tokens, outcome),
                T0,
                List.of(new PriceLevel(bidCents * CENT, bidContracts * CONTRACT)),
                List.of(new PriceLevel(askCents * CENT, askContracts * CONTRACT)));
    }

    private long tick() {
        clock += 100;
        return clock;
    }

    private void kalshi(byte[] payload) {
        frames.add(new RawFrame("kalshi", "kalshi-1", tick(), payload));
    }

    private void poly(String json) {
        frames.add(
                new RawFrame(
                        "polymarket",
                        "polymarket-1",
                        tick(),
                        json.getBytes(StandardCharsets.UTF_8)));
    }

    private static KalshiFrames.Level level(long cents, long contracts) {
        return new KalshiFrames.Level(cents * CENT, contracts * CONTRACT);
    }
}
