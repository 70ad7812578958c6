package io.marketstreams.testkit;

import io.marketstreams.schema.MarketType;
import io.marketstreams.schema.Outcome;
import io.marketstreams.schema.venue.MarketInfo;
import java.util.List;

/** Normalized venue payloads that tests of several modules build alike. */
public final class VenueMessages {
    private VenueMessages() {}

    /** A binary market (outcomes YES, NO) of a venue event, with a venue status (may be null). */
    public static MarketInfo binaryMarket(
            String venueMarketId, String venueEventId, String description, String venueStatus) {
        return MarketInfo.newBuilder()
                .setVenueMarketId(venueMarketId)
                .setVenueEventId(venueEventId)
                .setMarketDescription(description)
                .setMarketType(MarketType.BINARY)
                .setOutcomes(
                        List.of(new Outcome("YES", "Yes", null), new Outcome("NO", "No", null)))
                .setVenueStatus(venueStatus)
                .build();
    }
}
