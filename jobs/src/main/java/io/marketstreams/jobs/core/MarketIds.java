package io.marketstreams.jobs.core;

import io.marketstreams.schema.venue.BookDelta;
import io.marketstreams.schema.venue.BookSnapshot;
import io.marketstreams.schema.venue.EventInfo;
import io.marketstreams.schema.venue.MarketInfo;
import io.marketstreams.schema.venue.MarketStatus;
import io.marketstreams.schema.venue.Resolution;
import io.marketstreams.schema.venue.TradeReport;
import io.marketstreams.schema.venue.VenueMessage;

/**
 * Canonical ids (docs/contract.md): a market id is {@code venue_id:venue_market_id}; a trade id is
 * {@code venue_id:venue_trade_id}.
 */
public final class MarketIds {
    private MarketIds() {}

    /** Canonical market id of a venue market. */
    public static String marketId(String venueId, String venueMarketId) {
        return venueId + ":" + venueMarketId;
    }

    /**
     * Canonical event id of a venue event: {@code venue_id:venue_event_id}, until cross-venue
     * linking maps several venue events to one canonical event.
     */
    public static String eventId(String venueId, String venueEventId) {
        return venueId + ":" + venueEventId;
    }

    /** Canonical trade id of a venue trade. */
    public static String tradeId(String venueId, String venueTradeId) {
        return venueId + ":" + venueTradeId;
    }

    /**
     * The venue event ({@code venue_id:venue_event_id}) a catalog message is about: an EventInfo's
     * own, a MarketInfo's event; null for other payloads.
     */
    public static String venueEventKeyOf(VenueMessage message) {
        Object payload = message.getPayload();
        if (payload instanceof EventInfo info) {
            return eventId(message.getVenueId(), info.getVenueEventId());
        }
        if (payload instanceof MarketInfo info) {
            return eventId(message.getVenueId(), info.getVenueEventId());
        }
        return null;
    }

    /**
     * Canonical market id a venue message is about, or {@code null} for payloads that are not
     * market-scoped (EventInfo).
     */
    public static String marketIdOf(VenueMessage message) {
        Object payload = message.getPayload();
        String venueMarketId;
        if (payload instanceof TradeReport trade) {
            venueMarketId = trade.getVenueMarketId();
        } else if (payload instanceof BookDelta delta) {
            venueMarketId = delta.getVenueMarketId();
        } else if (payload instanceof BookSnapshot snapshot) {
            venueMarketId = snapshot.getVenueMarketId();
        } else if (payload instanceof MarketStatus status) {
            venueMarketId = status.getVenueMarketId();
        } else if (payload instanceof MarketInfo info) {
            venueMarketId = info.getVenueMarketId();
        } else if (payload instanceof Resolution resolution) {
            venueMarketId = resolution.getVenueMarketId();
        } else {
            return null;
        }
        return marketId(message.getVenueId(), venueMarketId);
    }
}
