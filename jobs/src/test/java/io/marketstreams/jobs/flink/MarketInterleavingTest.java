package io.marketstreams.jobs.flink;

import static io.marketstreams.jobs.core.market.MarketInputs.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.marketstreams.jobs.core.catalog.EventMarketUpdate;
import io.marketstreams.jobs.core.market.MarketInputs;
import io.marketstreams.jobs.core.market.VenueInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code market-state} operator on RocksDB gives one market the same output whichever way its
 * venue input and the linker's signals interleave within what the watermark allows, also when it is
 * snapshot and restored between them: records held in the outbox and their timers survive the
 * restore.
 */
class MarketInterleavingTest {
    private static final String MARKET = MarketInputs.marketId("M");

    /** The market's venue input, in its Kafka order. */
    private static final List<VenueInput> INPUTS =
            List.of(
                    MarketInputs.trade("M", "early", T0 + 9, 0), // before its market: held
                    MarketInputs.marketInfo("M", "active", T0 + 20, 1),
                    MarketInputs.input("M", book(), T0 + 30, 2, 1L, "s"),
                    MarketInputs.status("M", "inactive", T0 + 400, 3),
                    MarketInputs.status("M", "active", T0 + 600, 4),
                    MarketInputs.trade("M", "later", T0 + 699, 5),
                    MarketInputs.resolution("M", "YES", T0 + 900, 6));

    /** The linker's signals for it, in the linker's order: E, then X, then Y at a status's time. */
    private static final List<EventSignal> SIGNALS =
            List.of(
                    EventSignal.of(MARKET, "kalshi:E", "kalshi:E", T0 + 15, T0 + 15),
                    EventSignal.of(MARKET, "kalshi:E", "kalshi:X", T0 + 500, T0 + 500),
                    EventSignal.of(MARKET, "kalshi:E", "kalshi:Y", T0 + 600, T0 + 600));

    private static final List<OutputTag<?>> TAGS =
            List.of(
                    MarketFunction.MARKETS,
                    MarketFunction.MARKET_SNAPSHOTS,
                    MarketFunction.UPDATES,
                    MarketFunction.STATES,
                    MarketFunction.RESOLUTIONS,
                    MarketFunction.SNAPSHOTS,
                    MarketFunction.DELTAS,
                    MarketFunction.QUARANTINE);

    private static io.marketstreams.schema.venue.BookSnapshot book() {
        return (io.marketstreams.schema.venue.BookSnapshot)
                MarketInputs.bookSnapshot("M", 1, 2).message().getPayload();
    }

    /**
     * {@code i}: the next venue input, {@code a}: the next signal, {@code w<ms after T0>}: both
     * watermarks, {@code s}: snapshot and restore into a new operator; then the rest and the end of
     * event time. Every schedule keeps to the watermark's rule: nothing arrives after the watermark
     * passed its time.
     */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "a a a",
                "i a i w15 i a i w450 i i a w650 s i",
                "i i a w20 s i i a i w550 s a i i",
                "a i i i w399 i a i s w590 a i w899 s i"
            })
    void everyInterleavingGivesTheOutputOfAllInputFirst(String schedule) throws Exception {
        Map<String, List<String>> reference = run("");
        Map<String, List<String>> output = run(schedule);

        assertThat(output).isEqualTo(reference);
        // The re-points to X and then Y are in the output, stamped in time order.
        assertThat(reference.get("markets.updated"))
                .hasSize(2)
                .allSatisfy(u -> assertThat(u).contains("\"field_mask\": [\"event_id\"]"));
        assertThat(reference.get("markets.resolved"))
                .singleElement()
                .satisfies(r -> assertThat(r).contains("\"event_id\": \"kalshi:Y\""));
    }

    private static Map<String, List<String>> run(String schedule) throws Exception {
        Map<String, List<String>> out = new TreeMap<>();
        MarketStateHarness h = open(null);
        int i = 0;
        int a = 0;
        for (String step : schedule.isEmpty() ? new String[0] : schedule.split(" ")) {
            switch (step.charAt(0)) {
                case 'i' -> h.input(INPUTS.get(i), INPUTS.get(i++).ingestTime());
                case 'a' -> h.signal(SIGNALS.get(a), SIGNALS.get(a++).time);
                case 's' -> {
                    OperatorSubtaskState snapshot = h.h.snapshot(1L, 1L);
                    collect(h, out);
                    h.close();
                    h = open(snapshot);
                }
                default -> h.watermark(T0 + Long.parseLong(step.substring(1)));
            }
        }
        for (; i < INPUTS.size(); i++) {
            h.input(INPUTS.get(i), INPUTS.get(i).ingestTime());
        }
        for (; a < SIGNALS.size(); a++) {
            h.signal(SIGNALS.get(a), SIGNALS.get(a).time);
        }
        h.watermark(Long.MAX_VALUE);
        assertThat(h.h.numEventTimeTimers()).as("nothing left waiting").isZero();
        collect(h, out);
        h.close();
        return out;
    }

    private static MarketStateHarness open(OperatorSubtaskState restoreFrom) throws Exception {
        MarketStateHarness h = new MarketStateHarness(MarketStateHarness.CONFIG);
        h.h.setStateBackend(new EmbeddedRocksDBStateBackend());
        if (restoreFrom != null) {
            h.h.initializeState(restoreFrom);
        }
        h.h.open();
        return h;
    }

    /** Appends what the harness emitted, per stream (and per event for the event stage). */
    private static void collect(MarketStateHarness h, Map<String, List<String>> out) {
        for (OutputTag<?> tag : TAGS) {
            for (Object record : h.values(tag)) {
                add(out, tag.getId().replace('-', '.'), record.toString());
            }
        }
        h.trades().forEach(t -> add(out, "trades.executed", t.toString()));
        for (EventMarketUpdate u : h.values(MarketFunction.EVENT_UPDATES)) {
            add(
                    out,
                    "event-stage " + u.eventId,
                    u.kind + " " + u.orderTime + " " + u.marketSequence + " " + u.ingestTime);
        }
    }

    private static void add(Map<String, List<String>> out, String key, String value) {
        out.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }
}
