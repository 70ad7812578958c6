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
import java.util.HashMap;
import java.util.Map;

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
        Map<String, String> byVenueId = new HashMap<>();
        for (Outcome o : market.getOutcomes()) {
            if (o.getVenueOutcomeId() != null) {
                byVenueId.put(o.getVenueOutcomeId(), o.getOutcomeId());
            }
        }
        if (byVenueId.isEmpty()) {
            return;
        }
        Object payload = message.getPayload();
        if (payload instanceof BookSnapshot snapshot) {
            for (Ladder ladder : snapshot.getLadders()) {
                ladder.setOutcomeId(
                        byVenueId.getOrDefault(ladder.getOutcomeId(), ladder.getOutcomeId()));
            }
        } else if (payload instanceof BookDelta delta) {
            for (LevelUpdate u : delta.getChanges()) {
                u.setOutcomeId(byVenueId.getOrDefault(u.getOutcomeId(), u.getOutcomeId()));
            }
        } else if (payload instanceof TradeReport trade) {
            trade.setOutcomeId(byVenueId.getOrDefault(trade.getOutcomeId(), trade.getOutcomeId()));
        } else if (payload instanceof Resolution resolution) {
            String winner = resolution.getResolvedOutcomeId();
            if (winner != null) {
                resolution.setResolvedOutcomeId(byVenueId.getOrDefault(winner, winner));
            }
            for (OutcomePayout p : resolution.getPayouts()) {
                p.setOutcomeId(byVenueId.getOrDefault(p.getOutcomeId(), p.getOutcomeId()));
            }
        }
    }
}
