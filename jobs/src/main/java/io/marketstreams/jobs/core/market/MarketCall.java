package io.marketstreams.jobs.core.market;

import io.marketstreams.jobs.core.Rejection;
import io.marketstreams.jobs.core.catalog.EventMarketUpdate;
import io.marketstreams.jobs.core.lifecycle.MarketRecord;
import io.marketstreams.schema.StreamTopic;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * One call of {@link MarketProcessor}: the market's store, record and outbox, and what it decided.
 */
final class MarketCall {
    final MarketStore store;
    final MarketRecord rec;
    final List<MarketOutput> out = new ArrayList<>();
    private MarketOutbox outbox;

    MarketCall(MarketStore store) {
        this.store = store;
        this.rec = store.record();
    }

    void emit(StreamTopic stream, SpecificRecord record) {
        out.add(new MarketOutput.Emit(stream, record));
    }

    void quarantine(VenueInput input, Rejection rejection) {
        out.add(new MarketOutput.Quarantine(input, rejection));
    }

    void toEvent(EventMarketUpdate update) {
        out.add(new MarketOutput.ToEvent(update));
    }

    void timer(long time) {
        out.add(new MarketOutput.Timer(time));
    }

    void count(MarketOutput.Disposition disposition) {
        out.add(new MarketOutput.Count(disposition));
    }

    void changed() {
        store.changed();
    }

    /**
     * The market's outbox, loaded on first use. A discovered market without one (restored from a
     * version that had none) gets one copied from its record, which must happen before a catalog
     * decision changes what it copies: {@link MarketDecisions} asks for it first.
     */
    MarketOutbox outbox() {
        if (outbox == null) {
            outbox = store.outbox();
            if (outbox == null) {
                outbox = MarketOutbox.of(rec);
                store.saveOutbox(outbox);
            }
        }
        return outbox;
    }

    /** The market's outbox, or null when it has none. */
    MarketOutbox outboxIfAny() {
        if (outbox == null) {
            outbox = store.outbox();
        }
        return outbox;
    }

    /** Starts the outbox of a market discovered at {@code discoveryTime}. */
    void startOutbox(long discoveryTime) {
        outbox = MarketOutbox.startingAt(rec, discoveryTime);
        store.saveOutbox(outbox);
    }

    /**
     * Makes the records decided from now on wait at least until {@code time}: for decisions whose
     * moment depends on {@code time} (a signal or a timeout that let held input go), so that in
     * every run they are decided before the watermark passes their time.
     */
    void raiseOrderTime(long time) {
        MarketOutbox o = outbox();
        if (time > o.orderTime) {
            o.orderTime = time;
            store.saveOutbox(o);
        }
    }

    /** Puts an entry in the outbox, to be released when the watermark passes its time. */
    void later(OutboxEntry entry) {
        MarketOutbox o = outbox();
        o.add(entry);
        store.saveOutbox(o);
        timer(entry.time);
    }
}
