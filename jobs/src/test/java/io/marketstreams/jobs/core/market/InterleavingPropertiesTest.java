package io.marketstreams.jobs.core.market;

import static io.marketstreams.jobs.core.market.MarketInputs.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.marketstreams.jobs.core.catalog.EventMarketUpdate;
import io.marketstreams.jobs.core.lifecycle.MarketRecord.EventAssignment;
import io.marketstreams.schema.BookSide;
import io.marketstreams.schema.MarketType;
import io.marketstreams.schema.Outcome;
import io.marketstreams.schema.PriceLevel;
import io.marketstreams.schema.StreamTopic;
import io.marketstreams.schema.TakerSide;
import io.marketstreams.schema.venue.BookDelta;
import io.marketstreams.schema.venue.BookSnapshot;
import io.marketstreams.schema.venue.Ladder;
import io.marketstreams.schema.venue.LevelUpdate;
import io.marketstreams.schema.venue.MarketInfo;
import io.marketstreams.schema.venue.MarketStatus;
import io.marketstreams.schema.venue.Resolution;
import io.marketstreams.schema.venue.TradeReport;
import io.marketstreams.schema.venue.UpdateKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * One market's venue input (in its Kafka order, ingest times out of order within the watermark's
 * bound) and the linker's assignments of its venue events (in the linker's order), delivered in
 * every interleaving the watermark allows — an input or an assignment may arrive at any moment
 * before the watermark passes its time, the watermark advances at any moment — give the same output
 * record for record: per stream, and per event for the event stage.
 */
class InterleavingPropertiesTest {
    /** The watermark's bound on out-of-order ingest times. */
    private static final long BOUND = 1_000L;

    private static final MarketProcessor.Config CONFIG =
            new MarketProcessor.Config(
                    Duration.ofMinutes(60),
                    Duration.ofMinutes(10),
                    50,
                    3,
                    4,
                    Duration.ofSeconds(4),
                    Duration.ofSeconds(30));

    private static final String[] STATUSES = {"active", "inactive", "closed", "disputed"};
    private static final String[] EVENT_IDS = {"kalshi:E", "kalshi:X", "kalshi:Y"};

    /** What reaches the market: its own inputs and the linker's assignments, each in order. */
    private record Scenario(List<VenueInput> inputs, List<EventAssignment> assignments) {}

    @Property(tries = 300)
    void everyAllowedInterleavingGivesTheSameOutput(
            @ForAll long seed,
            @ForAll long interleaving,
            @ForAll @IntRange(min = 4, max = 40) int length) {
        Scenario scenario = scenario(new SplittableRandom(seed), length);

        Map<String, List<String>> lazy = outputs(run(scenario, null).out);
        MarketDriver eager = run(scenario, new SplittableRandom(interleaving));

        assertThat(outputs(eager.out)).isEqualTo(lazy);
        assertThat(eager.lateForTheEventStage()).isEmpty();
        List<String> updates =
                lazy.getOrDefault(StreamTopic.MARKETS_UPDATED.streamName(), List.of());
        Statistics.label("discovered")
                .collect(lazy.containsKey(StreamTopic.MARKETS_DISCOVERED.streamName()));
        Statistics.label("re-pointed after discovery")
                .collect(
                        updates.stream()
                                .anyMatch(u -> u.contains("\"field_mask\": [\"event_id\"")));
        Statistics.label("resolved")
                .collect(lazy.containsKey(StreamTopic.MARKETS_RESOLVED.streamName()));
        for (String label : List.of("discovered", "re-pointed after discovery", "resolved")) {
            Statistics.label(label).coverage(c -> c.check(true).percentage(p -> p >= 15.0));
        }
    }

    /**
     * A rejected market info of a venue event not known yet holds back what follows it; the signal
     * that lets them go comes after a re-point was released in one run, before any in the other.
     */
    @Example
    void inputHeldBehindAnInfoWaitsForTheSignalThatLetItGo() {
        Scenario s =
                scenario(
                        List.of(
                                MarketInputs.marketInfo("M", "active", T0, 0),
                                info(T0 + 1_000, "F", true),
                                MarketInputs.status("M", "inactive", T0 + 1_200, 2)),
                        EventAssignment.of("kalshi:E", "kalshi:E", T0, T0),
                        EventAssignment.of("kalshi:E", "kalshi:X", T0 + 1_500, T0 + 1_500),
                        EventAssignment.of("kalshi:F", "kalshi:F", T0 + 1_800, T0 + 1_800));
        assertSameOutput(s, "a i w0 i i a w1600 a");
    }

    /** A venue event known only after an info's deadline lets the info time out in every run. */
    @Example
    void aSignalAfterTheDeadlineComesTooLateInEveryRun() {
        Scenario s =
                scenario(
                        List.of(
                                MarketInputs.marketInfo("M", "active", T0, 0),
                                info(T0 + 1_000, "F", false),
                                MarketInputs.status("M", "inactive", T0 + 1_200, 2)),
                        EventAssignment.of("kalshi:E", "kalshi:E", T0, T0),
                        EventAssignment.of("kalshi:F", "kalshi:F", T0 + 6_000, T0 + 6_000));
        assertSameOutput(s, "a i w0 i i w5500 a");
        assertThat(outputs(run(s, null).out).get("quarantine")).hasSize(1);
    }

    /**
     * What a timeout lets go is decided at the timeout, and its records wait for no earlier time.
     */
    @Example
    void inputLetGoByATimeoutIsOnTimeForTheEventStage() {
        Scenario s =
                scenario(
                        List.of(
                                MarketInputs.marketInfo("M", "active", T0, 0),
                                info(T0 + 1_000, "F", false),
                                MarketInputs.resolution("M", "YES", T0 + 1_200, 2)),
                        EventAssignment.of("kalshi:E", "kalshi:E", T0, T0),
                        EventAssignment.of("kalshi:E", "kalshi:X", T0 + 3_000, T0 + 3_000));
        MarketDriver market = assertSameOutput(s, "a i w0 i i a w3500 w5500");
        assertThat(market.lateForTheEventStage()).isEmpty();
    }

    private static Scenario scenario(List<VenueInput> inputs, EventAssignment... assignments) {
        return new Scenario(inputs, List.of(assignments));
    }

    private static VenueInput info(long time, String venueEvent, boolean rejected) {
        MarketInfo info = info(0, venueEvent);
        if (rejected) {
            info.setOutcomes(List.of(new Outcome("YES", "Yes", null)));
        }
        return MarketInputs.input("M", info, time, 1);
    }

    /**
     * Runs the scenario in the given order ({@code i}: next input, {@code a}: next assignment,
     * {@code w<ms after T0>}: watermark; the rest, then the end of time, follow) and everything
     * first; both must give the same output. Returns the first run.
     */
    private static MarketDriver assertSameOutput(Scenario scenario, String steps) {
        MarketDriver market = new MarketDriver(CONFIG);
        int i = 0;
        int j = 0;
        for (String step : steps.split(" ")) {
            switch (step.charAt(0)) {
                case 'i' -> market.input(scenario.inputs().get(i++));
                case 'a' -> market.assigned(scenario.assignments().get(j++));
                default -> market.watermark(T0 + Long.parseLong(step.substring(1)));
            }
        }
        scenario.inputs().subList(i, scenario.inputs().size()).forEach(market::input);
        scenario.assignments().subList(j, scenario.assignments().size()).forEach(market::assigned);
        market.watermark(Long.MAX_VALUE);
        assertThat(outputs(market.out)).isEqualTo(outputs(run(scenario, null).out));
        assertThat(market.lateForTheEventStage()).isEmpty();
        return market;
    }

    /**
     * Runs the scenario in one interleaving: with {@code random} null, every input and assignment
     * first and the watermark only at the end; else the watermark advancing at random moments, as
     * far as what has not arrived yet allows.
     */
    private static MarketDriver run(Scenario scenario, SplittableRandom random) {
        MarketDriver market = new MarketDriver(CONFIG);
        List<VenueInput> inputs = scenario.inputs();
        List<EventAssignment> assignments = scenario.assignments();
        int i = 0;
        int j = 0;
        long watermark = Long.MIN_VALUE;
        while (random != null && (i < inputs.size() || j < assignments.size())) {
            long limit = Long.MAX_VALUE;
            if (i < inputs.size()) {
                limit = Math.min(limit, earliest(inputs, i) - 1);
            }
            if (j < assignments.size()) {
                limit = Math.min(limit, assignments.get(j).time - 1);
            }
            int choice = random.nextInt(3);
            if (choice == 0 && limit > watermark) {
                watermark =
                        watermark == Long.MIN_VALUE ? limit - random.nextLong(3_000) : watermark;
                watermark = Math.min(limit, watermark + random.nextLong(1 + limit - watermark));
                market.watermark(watermark);
            } else if ((choice == 1 || j == assignments.size()) && i < inputs.size()) {
                market.input(inputs.get(i++));
            } else if (j < assignments.size()) {
                market.assigned(assignments.get(j++));
            }
        }
        for (; i < inputs.size(); i++) {
            market.input(inputs.get(i));
        }
        for (; j < assignments.size(); j++) {
            market.assigned(assignments.get(j));
        }
        market.watermark(Long.MAX_VALUE);
        return market;
    }

    /** The earliest ingest time of the inputs not delivered yet (the watermark stays below it). */
    private static long earliest(List<VenueInput> inputs, int from) {
        long min = Long.MAX_VALUE;
        for (int k = from; k < inputs.size(); k++) {
            min = Math.min(min, inputs.get(k).ingestTime());
        }
        return min;
    }

    /** Per stream (and per event for the event stage, and quarantine), the records in order. */
    private static Map<String, List<String>> outputs(List<MarketOutput> out) {
        Map<String, List<String>> byKey = new TreeMap<>();
        for (MarketOutput o : out) {
            if (o instanceof MarketOutput.Emit e) {
                add(byKey, e.stream().streamName(), e.record().toString());
            } else if (o instanceof MarketOutput.ToEvent t) {
                add(byKey, "event-stage " + t.update().eventId, describe(t.update()));
            } else if (o instanceof MarketOutput.Quarantine q) {
                add(
                        byKey,
                        "quarantine",
                        q.input().sourceOffset()
                                + " "
                                + q.rejection().reason()
                                + " "
                                + q.rejection().detail());
            } else if (o instanceof MarketOutput.Count c) {
                add(byKey, "count " + c.disposition(), "");
            }
        }
        return byKey;
    }

    private static void add(Map<String, List<String>> byKey, String key, String value) {
        byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }

    private static String describe(EventMarketUpdate u) {
        return String.join(
                " ",
                u.marketId,
                String.valueOf(u.kind),
                String.valueOf(u.orderTime),
                String.valueOf(u.marketSequence),
                String.valueOf(u.ingestTime),
                String.valueOf(u.resolvedOutcomeId),
                String.valueOf(u.confidence),
                String.valueOf(u.resolutionTime));
    }

    private static Scenario scenario(SplittableRandom random, int length) {
        List<VenueInput> inputs = new ArrayList<>();
        long clock = T0;
        long sequence = 0;
        int infoAt = random.nextInt(Math.min(length, 6));
        for (int k = 0; k < length; k++) {
            clock += random.nextInt(400);
            long time = clock - (random.nextInt(4) == 0 ? random.nextLong(BOUND / 2) : 0);
            Object payload;
            if (k == infoAt) {
                payload = info(random.nextInt(2), "E");
            } else {
                int kind = random.nextInt(12);
                if (kind >= 6 && kind <= 8) {
                    sequence += random.nextInt(12) == 0 ? 2 : 1;
                }
                payload = payload(random, kind);
            }
            boolean book = payload instanceof BookSnapshot || payload instanceof BookDelta;
            inputs.add(
                    MarketInputs.input(
                            "M", payload, time, k, book ? sequence : null, book ? "s" : null));
        }
        return new Scenario(inputs, assignments(random, inputs));
    }

    private static Object payload(SplittableRandom random, int kind) {
        return switch (kind) {
            case 0 -> {
                MarketInfo info = info(random.nextInt(2), random.nextBoolean() ? "F" : "E");
                if (random.nextInt(4) == 0) {
                    // Rejected: the outcomes of a discovered market cannot change.
                    info.setOutcomes(List.of(new Outcome("YES", "Yes", null)));
                }
                yield info;
            }
            case 1, 2 -> new MarketStatus("M", STATUSES[random.nextInt(STATUSES.length)], null);
            case 3 ->
                    Resolution.newBuilder()
                            .setVenueMarketId("M")
                            .setResolvedOutcomeId(random.nextBoolean() ? "YES" : "NO")
                            .setPayouts(List.of())
                            .setVenueStatus(random.nextBoolean() ? "determined" : "finalized")
                            .build();
            case 4, 5 ->
                    TradeReport.newBuilder()
                            .setVenueTradeId("t" + random.nextInt(8))
                            .setVenueMarketId("M")
                            .setOutcomeId("YES")
                            .setPrice(100_000L * (1 + random.nextInt(9)))
                            .setQuantity(1_000_000L)
                            .setTakerSide(TakerSide.BUY)
                            .build();
            case 6, 7 ->
                    new BookDelta(
                            "M",
                            List.of(
                                    new LevelUpdate(
                                            "YES",
                                            BookSide.BID,
                                            100_000L * (1 + random.nextInt(4)),
                                            1_000_000L * random.nextInt(3),
                                            UpdateKind.DELTA)));
            case 8 ->
                    new BookSnapshot(
                            "M",
                            List.of(
                                    new Ladder(
                                            "YES",
                                            BookSide.BID,
                                            List.of(new PriceLevel(300_000L, 1_000_000L)))));
            default -> info(random.nextInt(2), "E");
        };
    }

    private static MarketInfo info(int version, String venueEvent) {
        return MarketInfo.newBuilder()
                .setVenueMarketId("M")
                .setVenueEventId(venueEvent)
                .setMarketDescription("market M v" + version)
                .setMarketType(MarketType.BINARY)
                .setOutcomes(
                        List.of(new Outcome("YES", "Yes", null), new Outcome("NO", "No", null)))
                .setVenueStatus("active")
                .build();
    }

    /**
     * The linker's assignments, in its order (by time): the venue events become known around the
     * start, later ones move them between canonical ids, some at exactly an input's ingest time.
     */
    private static List<EventAssignment> assignments(
            SplittableRandom random, List<VenueInput> inputs) {
        List<EventAssignment> assignments = new ArrayList<>();
        long time = T0 + random.nextInt(1_500);
        int count = 1 + random.nextInt(5);
        for (int k = 0; k < count; k++) {
            if (k > 0) {
                time += random.nextInt(3) == 0 ? 0 : random.nextInt(3_000);
                if (random.nextInt(3) == 0) {
                    time = Math.max(time, inputs.get(random.nextInt(inputs.size())).ingestTime());
                }
            }
            String venueEvent = k > 0 && random.nextInt(3) == 0 ? "kalshi:F" : "kalshi:E";
            String eventId = k == 0 ? "kalshi:E" : EVENT_IDS[random.nextInt(EVENT_IDS.length)];
            assignments.add(EventAssignment.of(venueEvent, eventId, time, time - 7));
        }
        if (random.nextBoolean()) {
            assignments.add(EventAssignment.of("kalshi:F", "kalshi:F", time, time - 7));
        }
        return assignments;
    }
}
