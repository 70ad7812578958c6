package io.marketstreams.jobs.core.market;

import io.marketstreams.jobs.core.book.BookState;
import io.marketstreams.jobs.core.book.MarketBookStore;
import io.marketstreams.jobs.core.lifecycle.MarketLifecycle;
import io.marketstreams.jobs.core.lifecycle.MarketRecord;
import io.marketstreams.schema.MarketSnapshot;
import io.marketstreams.schema.Outcome;
import io.marketstreams.schema.OutcomeQuote;
import io.marketstreams.schema.PriceLevel;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code markets.snapshots} record of a market (docs/contract.md, "Market snapshots"): its
 * lifecycle state from the record, and per outcome the book's sequence and best bid and ask. One is
 * emitted at discovery, at every lifecycle change or re-point, and every {@code
 * marketstreams.markets.snapshot-every} applied book or trade messages.
 */
final class MarketSnapshots {
    private MarketSnapshots() {}

    static MarketSnapshot of(
            MarketLifecycle lifecycle,
            MarketRecord rec,
            MarketBookStore books,
            long venueEventTime,
            long ingestTime) {
        List<OutcomeQuote> quotes = new ArrayList<>();
        for (Outcome o : rec.market.getOutcomes()) {
            quotes.add(quote(o, books.book(o.getOutcomeId())));
        }
        return lifecycle.snapshot(rec, quotes, venueEventTime, ingestTime);
    }

    private static OutcomeQuote quote(Outcome outcome, BookState book) {
        OutcomeQuote.Builder quote =
                OutcomeQuote.newBuilder()
                        .setOutcomeId(outcome.getOutcomeId())
                        .setOutcomeName(outcome.getOutcomeName());
        if (book != null) {
            quote.setBookSequence(book.sequence);
            if (book.bidPrices.length > 0) {
                quote.setBestBid(new PriceLevel(book.bidPrices[0], book.bidQty[0]));
            }
            if (book.askPrices.length > 0) {
                quote.setBestAsk(new PriceLevel(book.askPrices[0], book.askQty[0]));
            }
        }
        return quote.build();
    }
}
