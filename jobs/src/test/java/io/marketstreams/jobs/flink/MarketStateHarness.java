package io.marketstreams.jobs.flink;

import io.marketstreams.jobs.core.market.MarketProcessor;
import io.marketstreams.jobs.core.market.VenueInput;
import io.marketstreams.schema.Trade;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;

/**
 * The {@code market-state} operator ({@link MarketStateOperator} running {@link MarketFunction}) in
 * Flink's two-input keyed operator test harness: venue input on input 1, the linker's signals on
 * input 2, both keyed by market.
 */
final class MarketStateHarness implements AutoCloseable {
    /** Settings of most tests: 60 min dedupe, 100 levels, discovery timeout 10 min. */
    static final MarketProcessor.Config CONFIG =
            new MarketProcessor.Config(
                    Duration.ofMinutes(60),
                    Duration.ofMinutes(10),
                    100,
                    1000,
                    1000,
                    Duration.ofMinutes(10),
                    Duration.ofMinutes(30));

    final KeyedTwoInputStreamOperatorTestHarness<String, IngestedMessage, EventSignal, Trade> h;

    /** The highest watermark sent to both inputs so far. */
    long watermark = Long.MIN_VALUE;

    MarketStateHarness(MarketProcessor.Config config) throws Exception {
        this(config, 128, 1, 0);
    }

    MarketStateHarness(
            MarketProcessor.Config config, int maxParallelism, int parallelism, int subtask)
            throws Exception {
        this(
                new MarketStateOperator(new MarketFunction(config)),
                maxParallelism,
                parallelism,
                subtask);
    }

    /** Any operator running a {@link MarketFunction}, as subtask {@code subtask}. */
    MarketStateHarness(
            KeyedCoProcessOperator<String, IngestedMessage, EventSignal, Trade> operator,
            int maxParallelism,
            int parallelism,
            int subtask)
            throws Exception {
        h =
                new KeyedTwoInputStreamOperatorTestHarness<>(
                        operator,
                        m -> m.marketId,
                        s -> s.marketId,
                        Types.STRING,
                        maxParallelism,
                        parallelism,
                        subtask);
    }

    /** A venue input with its event time. */
    MarketStateHarness input(VenueInput input, long timestamp) throws Exception {
        h.processElement1(new StreamRecord<>(IngestedMessage.of(input), timestamp));
        return this;
    }

    /** The linker's signal that the market's venue event is known (as its own event). */
    MarketStateHarness eventKnown(String marketId, String venueEvent, long timestamp)
            throws Exception {
        return signal(
                EventSignal.of(marketId, venueEvent, venueEvent, timestamp, timestamp), timestamp);
    }

    MarketStateHarness signal(EventSignal signal, long timestamp) throws Exception {
        h.processElement2(new StreamRecord<>(signal, timestamp));
        return this;
    }

    /** The watermark of both inputs advances to {@code time}: due timers fire. */
    MarketStateHarness watermark(long time) throws Exception {
        h.processBothWatermarks(new org.apache.flink.streaming.api.watermark.Watermark(time));
        watermark = Math.max(watermark, time);
        return this;
    }

    List<Trade> trades() {
        return h.extractOutputValues();
    }

    /** The values of a side output so far, in order (empty when none). */
    <T> List<T> values(OutputTag<T> tag) {
        List<T> values = new ArrayList<>();
        var records = h.getSideOutput(tag);
        if (records != null) {
            records.forEach(r -> values.add(r.getValue()));
        }
        return values;
    }

    @SuppressWarnings("unchecked")
    MarketFunction function() {
        return (MarketFunction)
                ((KeyedCoProcessOperator<String, IngestedMessage, EventSignal, Trade>)
                                h.getOperator())
                        .getUserFunction();
    }

    @Override
    public void close() throws Exception {
        h.close();
    }
}
