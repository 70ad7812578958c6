package io.marketstreams.jobs.core.market;

import io.marketstreams.jobs.core.lifecycle.MarketRecord.EventAssignment;
import io.marketstreams.schema.StreamTopic;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.avro.specific.SpecificRecord;

/**
 * Drives a {@link MarketProcessor} for one market over an in-memory store as the {@code
 * market-state} operator does: its two inputs, and event-time timers that fire, in time order, when
 * the watermark passes them (a timer set at or below the watermark fires at the next advance, as in
 * Flink). Every output is kept in order.
 */
final class MarketDriver {
    final MarketProcessor processor;
    final InMemoryMarketStore store = new InMemoryMarketStore();
    final List<MarketOutput> out = new ArrayList<>();
    private final TreeSet<Long> timers = new TreeSet<>();
    private final List<MarketOutput.ToEvent> late = new ArrayList<>();
    private long passed = Long.MIN_VALUE;

    MarketDriver(MarketProcessor.Config config) {
        this.processor = new MarketProcessor(config);
    }

    MarketDriver input(VenueInput input) {
        take(processor.onInput(input, store));
        return this;
    }

    /** A linker signal, with the signal's event time equal to the assignment's, as the linker's. */
    MarketDriver assigned(EventAssignment a) {
        take(processor.onEventAssigned(a, a.time, store));
        return this;
    }

    /** The watermark advances to {@code time}: every timer at or before it fires, in order. */
    MarketDriver watermark(long time) {
        while (!timers.isEmpty() && timers.first() <= time) {
            take(processor.onTimer(timers.pollFirst(), store));
        }
        passed = Math.max(passed, time);
        return this;
    }

    /**
     * Updates for the event stage emitted with an order time the watermark had already passed: the
     * event stage would apply them in a later batch than their time, in an order that depends on
     * arrival.
     */
    List<MarketOutput.ToEvent> lateForTheEventStage() {
        return late;
    }

    /** Timers set and not fired yet. */
    int pendingTimers() {
        return timers.size();
    }

    private void take(List<MarketOutput> decided) {
        for (MarketOutput o : decided) {
            if (o instanceof MarketOutput.Timer t) {
                timers.add(t.time());
            } else if (o instanceof MarketOutput.ToEvent e && e.update().orderTime <= passed) {
                late.add(e);
            }
            out.add(o);
        }
    }

    /** The records emitted to {@code stream}, in order. */
    @SuppressWarnings("unchecked")
    <T extends SpecificRecord> List<T> emitted(StreamTopic stream) {
        List<T> records = new ArrayList<>();
        for (MarketOutput o : out) {
            if (o instanceof MarketOutput.Emit e && e.stream() == stream) {
                records.add((T) e.record());
            }
        }
        return records;
    }

    /** The outputs of one kind, in order. */
    <T extends MarketOutput> List<T> of(Class<T> kind) {
        return out.stream().filter(kind::isInstance).map(kind::cast).toList();
    }
}
