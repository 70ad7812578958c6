package io.marketstreams.sim;

import io.marketstreams.schema.AvroCodec;
import io.marketstreams.schema.MarketType;
import io.marketstreams.schema.Outcome;
import io.marketstreams.schema.venue.EventInfo;
import io.marketstreams.schema.venue.MarketInfo;
import io.marketstreams.schema.venue.VenueMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * The catalog records that precede simulated market traffic: one event per {@value
 * #MARKETS_PER_EVENT} markets of a venue, then each market's info with status {@code active}, so
 * that the canonical job discovers and opens every market before its books and trades arrive.
 */
public final class CatalogPrelude {
    /** Markets grouped under one simulated event. */
    public static final int MARKETS_PER_EVENT = 4;

    private CatalogPrelude() {}

    /** The simulated venue event id of a market index. */
    public static String venueEventId(String venueMarketIdPrefix, int index) {
        return venueMarketIdPrefix + "EVT-" + String.format("%04d", index / MARKETS_PER_EVENT);
    }

    /**
     * Catalog records for the venue's markets, in order: each event right before its first market.
     *
     * @param venue venue id
     * @param venueMarketIds venue market ids, in index order
     * @param eventPrefix prefix of the venue event ids
     * @param time venue event and ingest time of the records
     */
    public static List<GeneratedRecord> records(
            String venue, List<String> venueMarketIds, String eventPrefix, long time) {
        AvroCodec<VenueMessage> codec = AvroCodec.of(VenueMessage.class);
        List<GeneratedRecord> records = new ArrayList<>();
        for (int i = 0; i < venueMarketIds.size(); i++) {
            String eventId = venueEventId(eventPrefix, i);
            if (i % MARKETS_PER_EVENT == 0) {
                EventInfo event =
                        EventInfo.newBuilder()
                                .setVenueEventId(eventId)
                                .setEventName("Simulated event " + eventId)
                                .setEventCategory("Simulation")
                                .setEventTags(List.of("sim"))
                                .build();
                records.add(
                        record(codec, venue + ":event:" + eventId, message(venue, time, event)));
            }
            MarketInfo market = marketInfo(venueMarketIds.get(i), eventId).build();
            records.add(
                    record(
                            codec,
                            venue + ":" + venueMarketIds.get(i),
                            message(venue, time, market)));
        }
        return records;
    }

    /** The info of a simulated binary market, open ({@code active}). */
    public static MarketInfo.Builder marketInfo(String venueMarketId, String venueEventId) {
        return MarketInfo.newBuilder()
                .setVenueMarketId(venueMarketId)
                .setVenueEventId(venueEventId)
                .setMarketDescription("Simulated market " + venueMarketId)
                .setMarketType(MarketType.BINARY)
                .setOutcomes(
                        List.of(new Outcome("YES", "Yes", null), new Outcome("NO", "No", null)))
                .setTickSize(10_000L)
                .setVenueStatus("active");
    }

    private static VenueMessage message(String venue, long time, Object payload) {
        return VenueMessage.newBuilder()
                .setVenueId(venue)
                .setVenueEventTime(time)
                .setIngestTime(time)
                .setPayload(payload)
                .build();
    }

    private static GeneratedRecord record(
            AvroCodec<VenueMessage> codec, String key, VenueMessage message) {
        return new GeneratedRecord(
                key, codec.encode(message), codec.fingerprint(), GeneratedRecord.Kind.CATALOG);
    }
}
