package io.marketstreams.jobs.core;

import io.marketstreams.schema.Market;
import io.marketstreams.schema.Outcome;
import io.marketstreams.schema.OutcomePayout;
import io.marketstreams.schema.venue.BookDelta;
import io.marketstreams.schema.venue.BookSnapshot;
import io.marketstreams.schema.venue.Ladder;
import io.marketstreams.schema.venue.LevelUpdate;
import io.marketstreams.schema.venue.Resolution;
import io.marketstreams.schema.venue.TradeReport;
import io.marketstreams.schema.venue.VenueMessage;
import java.util.List;

/**
 * Maps venue outcome ids onto a market's canonical outcome ids. Polymarket's market channel names
 * outcomes by token id only, and a stateless parser cannot know which token is YES; the market's
 * discovery ({@code Outcome.venue_outcome_id}) says, so the market operator translates book, trade
 * and resolution payloads here before deciding on them.
 */
public final class VenueOutcomes {
    private VenueOutcomes() {}

    /** Rewrites the message's venue outcome ids (in place) to the market's outcome ids. */
    public static void toOutcomeIds(VenueMessage message, Market market) {
        List<Outcome> outcomes = market.getOutcomes();
        if (!hasVenueIds(outcomes)) {
            return; // the common case (Kalshi): nothing to map, nothing allocated
        }
        Object payload = message.getPayload();
        if (payload instanceof BookSnapshot snapshot) {
            for (Ladder ladder : snapshot.getLadders()) {
                ladder.setOutcomeId(canonical(ladder.getOutcomeId(), outcomes));
            }
        } else if (payload instanceof BookDelta delta) {
            for (LevelUpdate u : delta.getChanges()) {
                u.setOutcomeId(canonical(u.getOutcomeId(), outcomes));
            }
        } else if (payload instanceof TradeReport trade) {
            trade.setOutcomeId(canonical(trade.getOutcomeId(), outcomes));
        } else if (payload instanceof Resolution resolution) {
            if (resolution.getResolvedOutcomeId() != null) {
                resolution.setResolvedOutcomeId(
                        canonical(resolution.getResolvedOutcomeId(), outcomes));
            }
            for (OutcomePayout p : resolution.getPayouts()) {
                p.setOutcomeId(canonical(p.getOutcomeId(), outcomes));
            }
        }
    }

    private static boolean hasVenueIds(List<Outcome> outcomes) {
        for (Outcome o : outcomes) {
            if (o.getVenueOutcomeId() != null) {
                return true;
            }
        }
        return false;
    }

    /** The outcome id whose venue outcome id is {@code id}, else {@code id} unchanged. */
    private static String canonical(String id, List<Outcome> outcomes) {
        for (Outcome o : outcomes) {
            if (id.equals(o.getVenueOutcomeId())) {
                return o.getOutcomeId();
            }
        }
        return id;
    }
}
