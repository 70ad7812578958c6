package io.marketstreams.sim;

/**
 * One record of generated {@code venue.messages} traffic, ready for Kafka.
 *
 * @param key Kafka record key (UTF-8)
 * @param value Kafka record value: Avro binary of a VenueMessage, or deliberately broken bytes
 * @param schemaFingerprint value for the schema fingerprint header
 * @param kind what the record is, so a run can predict where it must end up
 */
public record GeneratedRecord(String key, byte[] value, long schemaFingerprint, Kind kind) {

    /** What a generated record is and where the canonical job must route it. */
    public enum Kind {
        /**
         * A catalog or lifecycle record (event or market info, status, resolution) that the job
         * accepts: it goes to the event and market streams.
         */
        CATALOG(Destination.EMITTED),
        /** A valid, new trade: goes to trades.executed. */
        TRADE(Destination.EMITTED),
        /** Same venue trade id and same content as an earlier trade: dropped and counted. */
        EXACT_DUPLICATE(Destination.DUPLICATE_DROPPED),
        /** Same venue trade id as an earlier trade, different content: CONFLICTING_DUPLICATE. */
        CONFLICTING_DUPLICATE(Destination.QUARANTINED),
        /** Bytes that are not a VenueMessage: MALFORMED. */
        MALFORMED(Destination.QUARANTINED),
        /** Price outside (0, 1]: PRICE_OUT_OF_RANGE. */
        PRICE_OUT_OF_RANGE(Destination.QUARANTINED),
        /** Zero or negative quantity: INVALID_QUANTITY. */
        INVALID_QUANTITY(Destination.QUARANTINED),
        /** Taker side UNKNOWN: UNKNOWN_TAKER_SIDE. */
        UNKNOWN_TAKER_SIDE(Destination.QUARANTINED),
        /** Outcome not in the market: UNKNOWN_OUTCOME. */
        UNKNOWN_OUTCOME(Destination.QUARANTINED),
        /**
         * A venue book message, possibly faulty (gap, repeat, reorder, stale): where it ends up
         * depends on the book's state, which the job decides.
         */
        BOOK(Destination.DECIDED_BY_JOB);

        private final Destination destination;

        Kind(Destination destination) {
            this.destination = destination;
        }

        /** Where the canonical job must route records of this kind. */
        public Destination destination() {
            return destination;
        }
    }

    /** The three places an input record can end up (the accounting identity's terms). */
    public enum Destination {
        EMITTED,
        QUARANTINED,
        DUPLICATE_DROPPED,
        /** Book traffic: the job's counters and the output topics tell. */
        DECIDED_BY_JOB
    }
}
