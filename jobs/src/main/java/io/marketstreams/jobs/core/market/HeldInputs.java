package io.marketstreams.jobs.core.market;

import io.marketstreams.jobs.core.MarketIds;
import io.marketstreams.jobs.core.Rejection;
import io.marketstreams.jobs.core.lifecycle.MarketRecord;
import io.marketstreams.schema.ReasonCode;
import io.marketstreams.schema.venue.MarketInfo;
import java.time.Duration;
import java.util.List;

/**
 * Which inputs of a market wait, and in which order waiting inputs are decided (docs/contract.md,
 * "Markets wait for their event"): anything about a market not yet discovered waits for its
 * discovery, and a market info waits until the event stage has said that its venue event is known.
 * Held inputs are decided in input order as soon as they can be, except that a market info that
 * discovers the market goes first, because everything else waits for it. Whatever still waits when
 * the watermark passes its ingest time plus the discovery timeout is quarantined.
 */
final class HeldInputs {
    private HeldInputs() {}

    /** Whether the input can be decided now. */
    static boolean ready(MarketRecord rec, VenueInput input) {
        if (input.message().getPayload() instanceof MarketInfo info) {
            return rec.knownEvents.containsKey(
                    MarketIds.eventId(input.message().getVenueId(), info.getVenueEventId()));
        }
        return rec.discovered();
    }

    /** The index of the held input to decide next, or -1 when none can be decided yet. */
    static int next(MarketRecord rec, List<VenueInput> held) {
        if (held.isEmpty()) {
            return -1;
        }
        if (rec.discovered()) {
            return ready(rec, held.get(0)) ? 0 : -1;
        }
        for (int i = 0; i < held.size(); i++) {
            VenueInput input = held.get(i);
            if (input.message().getPayload() instanceof MarketInfo && ready(rec, input)) {
                return i;
            }
        }
        return -1;
    }

    /** The event time after which a held input has waited too long. */
    static long deadline(VenueInput input, Duration timeout) {
        return input.ingestTime() + timeout.toMillis();
    }

    /** Why an input that waited too long is quarantined. */
    static Rejection expired(VenueInput input, Duration timeout) {
        boolean info = input.message().getPayload() instanceof MarketInfo;
        return new Rejection(
                info ? ReasonCode.ORPHAN_MARKET : ReasonCode.UNKNOWN_MARKET,
                (info ? "its event was not discovered" : "the market was not discovered")
                        + " within "
                        + timeout
                        + " of event time");
    }
}
