package io.marketstreams.testkit;

/**
 * One broken rule found by {@link OutputChecker}: which rule, and a detail naming the record(s) and
 * values. The rule lets a test assert that a break is reported for the right reason, not just that
 * something was reported.
 */
public record Violation(Rule rule, String detail) {

    /** The rules of the checker, one per way the output can break its contract. */
    public enum Rule {
        // --- wire: headers, bytes and keys (docs/contract.md "Common rules") ---
        /** The stream header is missing or names another stream, or the fingerprint is missing. */
        WIRE_HEADER,
        /** The value does not decode with the schema its fingerprint names, every byte used. */
        WIRE_UNDECODABLE,
        /** The Kafka key is not the entity id of the record. */
        WIRE_KEY,

        // --- trades.executed ---
        /** A trade id emitted more than once (invariant 4: trades never mutate). */
        TRADE_DUPLICATE,
        /** trade_id is not venue_id:venue_trade_id, or market_id is not venue_id:... */
        TRADE_ID,
        /**
         * Price outside (0, 1000000], quantity not positive, or taker side neither BUY nor SELL.
         */
        TRADE_VALUE,
        /** Per market, trade_sequence does not run 1, 2, 3, ... */
        TRADE_SEQUENCE,
        /** A trade at a venue time after its market first resolved (invariant 4). */
        TRADE_AFTER_RESOLUTION,

        // --- orders.snapshot and orders.delta (invariant 3: books reset only via snapshots) ---
        /** Per key and topic, sequences do not strictly increase. */
        BOOK_TOPIC_ORDER,
        /** The book's first record is not an INITIAL snapshot, or an INITIAL comes later. */
        BOOK_START,
        /** A delta of a book that has had no snapshot yet. */
        BOOK_DELTA_BEFORE_SNAPSHOT,
        /** A record takes a number other than the one due: a gap, a repeat, a moved restatement. */
        BOOK_SEQUENCE,
        /** A record's checksum or levels do not match the book rebuilt by the client library. */
        BOOK_CHECKSUM,
        /** A CLOSED snapshot whose levels are not those of the book it closes. */
        BOOK_CLOSED_DIFFERS,
        /** A reset not announced by a RESYNCING delta, or anything but RESYNC while resyncing. */
        BOOK_RESYNC,
        /** A LIVE delta without mutations, or a RESYNCING delta with mutations. */
        BOOK_DELTA_CONTENT,
        /** A snapshot or delta after the book's CLOSED snapshot (invariant 3). */
        BOOK_AFTER_CLOSED,

        // --- catalog and lifecycle (LifecycleRules: invariants 1, 2 and 5) ---
        /** Per event, events.discovered revisions do not run 1, 2, 3, ... */
        EVENT_REVISION,
        /** A market record (or a move) under an event never discovered (invariant 1). */
        MARKET_BEFORE_EVENT,
        /** A market discovered more than once. */
        MARKET_DISCOVERED_TWICE,
        /** A record about a market never discovered: book, trade, state, ... (invariant 2). */
        RECORD_BEFORE_MARKET,
        /** Per market, markets.updated revisions do not run 1, 2, 3, ..., or a mask is empty. */
        MARKET_UPDATE_REVISION,
        /** Per market, state_sequence does not run 1, 2, 3, ... */
        STATE_SEQUENCE,
        /** A state change whose previous_state is not the market's state at that point. */
        STATE_PREVIOUS,
        /** A transition outside the table of docs/contract.md (invariant 5). */
        ILLEGAL_TRANSITION,
        /** A markets.snapshots record whose state is not the one its state_sequence implies. */
        MARKET_SNAPSHOT_STATE,
        /** Per market, markets.resolved revisions do not run 1, 2, 3, ... */
        RESOLUTION_REVISION,
        /** A resolution or a dispute after a FINAL resolution (invariant 5: FINAL is terminal). */
        MARKET_CHANGE_AFTER_FINAL,
        /** A resolution that changes the result without a dispute in between (invariant 5). */
        RESOLUTION_CHANGED_WITHOUT_DISPUTE,
        /** An events.resolved record of an event never discovered. */
        EVENT_RESOLUTION_BEFORE_EVENT,
        /** Per event, events.resolved revisions do not run 1, 2, 3, ... */
        EVENT_RESOLUTION_REVISION,
        /** An events.resolved record after a FINAL one. */
        EVENT_RESOLUTION_AFTER_FINAL,

        // --- quarantine ---
        /** A quarantine record without a detail or a stage. */
        QUARANTINE_INCOMPLETE
    }

    /** The line {@link OutputChecker.Report#violations()} shows: rule, then detail. */
    @Override
    public String toString() {
        return rule + ": " + detail;
    }
}
