package io.marketstreams.jobs.flink;

/**
 * Stable operator uids of the canonical job. Savepoints map state to operators by these strings:
 * never rename one without a state migration (docs/operations.md).
 */
public final class Stages {
    public static final String SOURCE = "venue-messages-source";
    public static final String RAW_SOURCE = "raw-frames-source";
    public static final String RAW_FRAMES = "raw-frames";
    public static final String DECODER = "venue-message-decoder";
    public static final String ROUTER = "venue-message-router";
    public static final String EVENT_CATALOG = "event-catalog";
    public static final String LINKS_SOURCE = "links-source";
    public static final String LINKS_INTAKE = "links-intake";
    public static final String LINKER = "event-linker";
    public static final String MARKET = "market-state";
    public static final String EVENT_RESOLUTION = "event-resolution";
    public static final String QUARANTINE_UNION = "quarantine";

    private Stages() {}

    /** uid of the sink writing a stream. */
    public static String sink(String streamName) {
        return "sink-" + streamName;
    }
}
