package io.marketstreams.jobs.core.lifecycle;

import io.marketstreams.schema.MarketType;
import io.marketstreams.schema.Outcome;
import io.marketstreams.schema.OutcomePayout;
import io.marketstreams.schema.venue.MarketInfo;
import io.marketstreams.schema.venue.MarketStatus;
import io.marketstreams.schema.venue.Resolution;
import io.marketstreams.schema.venue.VenueMessage;
import java.util.List;

/** Venue messages for lifecycle tests. */
public final class LifecycleInputs {
    private LifecycleInputs() {}

    public static final long T0 = 1_767_225_600_000L;

    public static VenueMessage message(String venue, long time, Object payload) {
        return VenueMessage.newBuilder()
                .setVenueId(venue)
                .setVenueEventTime(time)
                .setIngestTime(time + 1)
                .setPayload(payload)
                .build();
    }

    public static MarketInfo.Builder info(String market, String event, String status) {
        return MarketInfo.newBuilder()
                .setVenueMarketId(market)
                .setVenueEventId(event)
                .setMarketDescription("Will " + market + " happen?")
                .setMarketType(MarketType.BINARY)
                .setOutcomes(
                        List.of(new Outcome("YES", "Yes", null), new Outcome("NO", "No", null)))
                .setTickSize(10_000L)
                .setVenueStatus(status);
    }

    public static MarketStatus status(String market, String status) {
        return new MarketStatus(market, status, null);
    }

    public static Resolution resolution(String market, String outcome, String status) {
        return Resolution.newBuilder()
                .setVenueMarketId(market)
                .setResolvedOutcomeId(outcome)
                .setPayouts(List.<OutcomePayout>of())
                .setVenueStatus(status)
                .setResolutionSource("venue")
                .build();
    }
}
