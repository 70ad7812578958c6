package io.marketstreams.jobs.core.raw;

/**
 * What {@link ConnectionSequencer} keeps for one venue connection: the last sequence per venue
 * subscription, and per market the canonical venue sequence it hands on, the subscription the
 * market's book arrived on, and whether that subscription had a gap since.
 */
public interface SequencerState {
    /** Last seen sequence of a subscription; null before its first frame. */
    Long lastSequence(String subscription);

    void lastSequence(String subscription, long sequence);

    /** Last per-market sequence handed on; null before the market's first book message. */
    Long marketSequence(String market);

    void marketSequence(String market, long sequence);

    /** Subscription the market's book messages arrive on; null if none yet. */
    String subscriptionOf(String market);

    void subscriptionOf(String market, String subscription);

    /** Markets whose book messages arrive on a subscription. */
    Iterable<String> marketsOf(String subscription);

    /** Whether the market's subscription had a gap not yet passed on. */
    boolean gapPending(String market);

    void gapPending(String market, boolean pending);
}
