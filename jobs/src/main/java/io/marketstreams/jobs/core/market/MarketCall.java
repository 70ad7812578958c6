package io.marketstreams.jobs.core.market;

import io.marketstreams.jobs.core.Rejection;
import io.marketstreams.jobs.core.catalog.EventMarketUpdate;
import io.marketstreams.jobs.core.lifecycle.MarketRecord;
import io.marketstreams.schema.StreamTopic;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/** One call of {@link MarketProcessor}: the market's store and record, and what it decided. */
final class MarketCall {
    final MarketStore store;
    final MarketRecord rec;
    final List<MarketOutput> out = new ArrayList<>();

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
}
