package io.marketstreams.jobs.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketstreams.jobs.core.market.MarketProcessor;
import io.marketstreams.schema.BookSide;
import io.marketstreams.schema.Event;
import io.marketstreams.schema.MarketType;
import io.marketstreams.schema.Outcome;
import io.marketstreams.schema.PriceLevel;
import io.marketstreams.schema.Quarantined;
import io.marketstreams.schema.TakerSide;
import io.marketstreams.schema.VenueEventRef;
import io.marketstreams.schema.venue.BookDelta;
import io.marketstreams.schema.venue.BookSnapshot;
import io.marketstreams.schema.venue.Ladder;
import io.marketstreams.schema.venue.LevelUpdate;
import io.marketstreams.schema.venue.MarketInfo;
import io.marketstreams.schema.venue.MarketStatus;
import io.marketstreams.schema.venue.Resolution;
import io.marketstreams.schema.venue.TradeReport;
import io.marketstreams.schema.venue.UpdateKind;
import io.marketstreams.schema.venue.VenueMessage;
import io.marketstreams.testkit.BookRules;
import io.marketstreams.testkit.LifecycleRules;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * Random interleavings of valid and invalid lifecycle, book and trade input for a few markets of
 * one event, through the real market operator: the output never breaks an invariant of the
 * independent checker, and every input is accounted for — emitted, dropped as an exact repeat, or
 * quarantined with its original bytes.
 */
class LifecyclePropertiesTest {
    private static final long T0 = 1_767_225_600_000L;
    private static final String[] STATUSES = {
        "initialized", "active", "inactive", "closed", "disputed", "determined", "exploded"
    };
    private static final String[] RESOLVING = {"determined", "amended", "finalized", "active"};
    private static final String[] OUTCOMES = {"YES", "NO", "MAYBE"};

    @Property(tries = 150)
    void randomLifecycleInputNeverBreaksAnInvariant(
            @ForAll long seed, @ForAll @IntRange(min = 1, max = 80) int length) throws Exception {
        SplittableRandom random = new SplittableRandom(seed);
        int markets = 1 + random.nextInt(3);
        boolean eventComes = random.nextInt(5) != 0;
        int signalAt = random.nextInt(length + 1);
        long clock = T0;
        long[] venueSequence = new long[markets];
        List<IngestedMessage> inputs = new ArrayList<>();

        var config =
                new MarketProcessor.Config(
                        Duration.ofHours(1),
                        Duration.ofMinutes(10),
                        50,
                        1 + random.nextInt(5),
                        1 + random.nextInt(5),
                        Duration.ofMinutes(10),
                        Duration.ofMinutes(30));
        try (var h = new MarketStateHarness(config)) {
            h.h.open();
            for (int i = 0; i <= length; i++) {
                clock += random.nextInt(2_000);
                if (i == signalAt && eventComes) {
                    for (int m = 0; m < markets; m++) {
                        h.eventKnown("kalshi:M" + m, "kalshi:E", clock);
                    }
                }
                if (i == length) {
                    break;
                }
                int m = random.nextInt(markets);
                Object payload = payload(random, "M" + m, venueSequence, m);
                VenueMessage message =
                        VenueMessage.newBuilder()
                                .setVenueId("kalshi")
                                .setVenueSequence(
                                        payload instanceof BookSnapshot
                                                        || payload instanceof BookDelta
                                                ? venueSequence[m]
                                                : null)
                                .setVenueStreamId("sid-M" + m)
                                .setVenueEventTime(clock)
                                .setIngestTime(clock)
                                .setPayload(payload)
                                .build();
                IngestedMessage input =
                        IngestedMessage.decoded(
                                message, "kalshi:M" + m, 0L, "venue.messages", 0, inputs.size());
                inputs.add(input);
                h.input(input.toInput(), clock);
                if (random.nextInt(10) == 0) {
                    h.watermark(clock - 5_000);
                }
            }
            h.watermark(Long.MAX_VALUE);

            List<String> violations = new ArrayList<>();
            List<Event> events = new ArrayList<>();
            if (eventComes) {
                events.add(
                        Event.newBuilder()
                                .setEventId("kalshi:E")
                                .setRevision(1)
                                .setEventName("E")
                                .setEventTags(List.of())
                                .setVenueEvents(List.of(new VenueEventRef("kalshi", "E")))
                                .setVenueEventTime(T0)
                                .setIngestTime(T0)
                                .build());
            }
            var snapshots = h.values(MarketFunction.SNAPSHOTS);
            var deltas = h.values(MarketFunction.DELTAS);
            LifecycleRules.check(
                    new LifecycleRules.Streams(
                            events,
                            List.of(),
                            h.values(MarketFunction.MARKETS),
                            h.values(MarketFunction.MARKET_SNAPSHOTS),
                            h.values(MarketFunction.UPDATES),
                            h.values(MarketFunction.STATES),
                            h.values(MarketFunction.RESOLUTIONS),
                            snapshots,
                            deltas,
                            h.trades()),
                    violations);
            BookRules.check(snapshots, deltas, violations);
            assertThat(violations).isEmpty();

            Statistics.label("discovered").collect(!h.values(MarketFunction.MARKETS).isEmpty());
            Statistics.label("state changes").collect(!h.values(MarketFunction.STATES).isEmpty());
            Statistics.label("resolved").collect(!h.values(MarketFunction.RESOLUTIONS).isEmpty());
            Statistics.label("trades").collect(!h.trades().isEmpty());
            Statistics.label("book deltas").collect(!deltas.isEmpty());
            // The property is only worth something if the random input reaches every path.
            for (var label :
                    List.of("discovered", "state changes", "resolved", "trades", "book deltas")) {
                Statistics.label(label).coverage(c -> c.check(true).percentage(p -> p >= 10.0));
            }

            var context = h.h.getOperator().getRuntimeContext();
            long emitted = context.getLongCounter(RecordAccounting.Names.EMITTED).getLocalValue();
            long duplicates =
                    context.getLongCounter(RecordAccounting.Names.DUPLICATES).getLocalValue();
            List<Quarantined> quarantined = h.values(MarketFunction.QUARANTINE);
            assertThat(emitted + duplicates + quarantined.size())
                    .as("every input emitted, dropped as a repeat, or quarantined")
                    .isEqualTo(inputs.size());
            for (Quarantined q : quarantined) {
                assertThat(q.getSourceOffset()).isBetween(0L, (long) inputs.size() - 1);
                assertThat(q.getPayload().remaining()).isPositive();
            }
            assertThat(quarantined.stream().map(Quarantined::getSourceOffset).distinct().count())
                    .as("each input quarantined at most once")
                    .isEqualTo(quarantined.size());
        }
    }

    private static Object payload(SplittableRandom random, String market, long[] seq, int m) {
        switch (random.nextInt(9)) {
            case 0, 1:
                return MarketInfo.newBuilder()
                        .setVenueMarketId(market)
                        .setVenueEventId(random.nextInt(10) == 0 ? "F" : "E")
                        .setMarketDescription("Market " + market + " v" + random.nextInt(2))
                        .setMarketType(MarketType.BINARY)
                        .setOutcomes(
                                random.nextInt(10) == 0
                                        ? List.of()
                                        : List.of(
                                                new Outcome("YES", "Yes", null),
                                                new Outcome("NO", "No", null)))
                        .setVenueStatus(STATUSES[random.nextInt(STATUSES.length)])
                        .build();
            case 2:
                return new MarketStatus(market, STATUSES[random.nextInt(STATUSES.length)], null);
            case 3:
                return Resolution.newBuilder()
                        .setVenueMarketId(market)
                        .setResolvedOutcomeId(OUTCOMES[random.nextInt(OUTCOMES.length)])
                        .setPayouts(List.of())
                        .setVenueStatus(RESOLVING[random.nextInt(RESOLVING.length)])
                        .build();
            case 4:
                seq[m] += random.nextInt(10) == 0 ? 2 : 1;
                long bid = 100_000L * (1 + random.nextInt(4));
                return new BookSnapshot(
                        market,
                        List.of(
                                new Ladder(
                                        "YES",
                                        BookSide.BID,
                                        List.of(new PriceLevel(bid, 1_000_000L))),
                                new Ladder(
                                        "NO",
                                        BookSide.BID,
                                        List.of(new PriceLevel(500_000L, 2_000_000L)))));
            case 5, 6:
                seq[m] += random.nextInt(10) == 0 ? 2 : random.nextInt(10) == 0 ? 0 : 1;
                return new BookDelta(
                        market,
                        List.of(
                                new LevelUpdate(
                                        "YES",
                                        BookSide.BID,
                                        100_000L * (1 + random.nextInt(4)),
                                        1_000_000L * (random.nextInt(3) - 1),
                                        UpdateKind.DELTA)));
            default:
                return TradeReport.newBuilder()
                        .setVenueTradeId("t" + random.nextInt(20))
                        .setVenueMarketId(market)
                        .setOutcomeId(random.nextInt(10) == 0 ? "MAYBE" : "YES")
                        .setPrice(100_000L * (1 + random.nextInt(9)))
                        .setQuantity(1_000_000L)
                        .setTakerSide(TakerSide.BUY)
                        .build();
        }
    }
}
