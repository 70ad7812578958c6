package io.marketstreams.jobs.core.trades;

/**
 * The state {@link TradeTape} keeps for one market. The Flink operator implements it over keyed
 * RocksDB state; {@link InMemoryTradeTapeState} implements it for tests and replays. Every
 * operation is a point read or write, so no per-trade cost grows with the dedupe window.
 */
public interface TradeTapeState {
    /** The market's cursor, or {@code null} before its first trade. */
    TapeCursor cursor();

    /** Stores the market's cursor. */
    void cursor(TapeCursor cursor);

    /** Content fingerprint of a remembered venue trade id, or {@code null} when not remembered. */
    Long fingerprint(String venueTradeId);

    /** Remembers the trade accepted with a trade sequence, by venue trade id and fingerprint. */
    void remember(long tradeSequence, String venueTradeId, long fingerprint);

    /** Forgets the trade accepted with a trade sequence. */
    void forget(long tradeSequence);
}
