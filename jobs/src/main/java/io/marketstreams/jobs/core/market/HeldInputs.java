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
 * A market info that discovers the market waits, in addition, until the watermark has passed its
 * discovery time (the later of its ingest time and its event's signal): then every assignment of
 * the linker up to that time has arrived, and the market is discovered under the canonical event in
 * force at that time whichever input came first. Held inputs are decided in input order as soon as
 * they can be, except that a market info that discovers the market goes first, because everything
 * else waits for it. Whatever still waits when the watermark passes its ingest time plus the
 * discovery timeout is quarantined.
 */
final class HeldInputs {
    /** The time passed outside a timer: no decision that waits for the watermark is due. */
    static final long NO_WATERMARK = Long.MIN_VALUE;

    private HeldInputs() {}

    /**
     * Whether the input can be decided now. A market info of a discovered market waits for its
     * venue event to be known, and only counts it as known if the signal's time is within the
     * info's deadline: a later signal may reach the market before or after the deadline passes,
     * depending on the interleaving, so the info then times out in every run.
     *
     * @param watermark the time the watermark has passed, or {@link #NO_WATERMARK}
     */
    static boolean ready(MarketRecord rec, VenueInput input, long watermark, Duration timeout) {
        if (!(input.message().getPayload() instanceof MarketInfo info)) {
            return rec.discovered();
        }
        if (rec.discovered()) {
            Long known =
                    rec.knownEvents.get(
                            MarketIds.eventId(
                                    input.message().getVenueId(), info.getVenueEventId()));
            return known != null && known <= deadline(input, timeout);
        }
        Long discovery = discoveryTime(rec, input);
        return discovery != null && discovery <= watermark;
    }

    /**
     * The time at which a held market info would discover the market, or null when the input is not
     * such an info or its event is not known yet.
     */
    static Long discoveryTime(MarketRecord rec, VenueInput input) {
        if (rec.discovered() || !(input.message().getPayload() instanceof MarketInfo info)) {
            return null;
        }
        Long known =
                rec.knownEvents.get(
                        MarketIds.eventId(input.message().getVenueId(), info.getVenueEventId()));
        return known == null ? null : Math.max(input.ingestTime(), known);
    }

    /** The index of the held input to decide next, or -1 when none can be decided yet. */
    static int next(MarketRecord rec, List<VenueInput> held, long watermark, Duration timeout) {
        if (held.isEmpty()) {
            return -1;
        }
        if (rec.discovered()) {
            return ready(rec, held.get(0), watermark, timeout) ? 0 : -1;
        }
        for (int i = 0; i < held.size(); i++) {
            VenueInput input = held.get(i);
            if (input.message().getPayload() instanceof MarketInfo
                    && ready(rec, input, watermark, timeout)) {
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
