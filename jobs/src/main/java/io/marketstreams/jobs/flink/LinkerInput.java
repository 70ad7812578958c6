package io.marketstreams.jobs.flink;

import io.marketstreams.schema.LinkChange;

/**
 * One input of the global linker stage as it waits in, and is logged to, the linker's state:
 * exactly one of a venue record (a venue event description or a venue market's first sighting,
 * forwarded by the event catalog) or a curated link change from the {@code links} topic with its
 * source position. A Flink POJO (fields of older versions were dropped on restore).
 */
public final class LinkerInput {
    /** Key of the single linker instance: linking is global across venues. */
    public static final String GLOBAL = "links";

    /** A venue EventInfo or MarketInfo; null for link changes. */
    public IngestedMessage message;

    /** A decoded link change; null otherwise. */
    public LinkChange link;

    /** Source coordinates of a link record (ties of equal effective time are broken by them). */
    public String sourceTopic;

    public int sourcePartition;

    public long sourceOffset;

    /** Event time the linker applies the input at (set when it reaches the linker). */
    public long orderTime;

    public LinkerInput() {}

    /** A catalog record (EventInfo or MarketInfo) for the linker. */
    public static LinkerInput of(IngestedMessage message) {
        LinkerInput in = new LinkerInput();
        in.message = message;
        return in;
    }

    /** A decoded link change. */
    public static LinkerInput of(LinkChange link, String topic, int partition, long offset) {
        LinkerInput in = new LinkerInput();
        in.link = link;
        in.sourceTopic = topic;
        in.sourcePartition = partition;
        in.sourceOffset = offset;
        return in;
    }

    /**
     * Orders inputs of equal {@link #orderTime}: link changes first, then venue records by source
     * position; a frame that carried several records (a Gamma event with its markets) orders them
     * event first, then by id. Only the input's content goes in, so the order is the same on every
     * run.
     */
    String sortKey() {
        if (message == null) {
            return "1|" + sourceTopic + "|" + sourcePartition + "|" + pad(sourceOffset);
        }
        Object payload = message.message.getPayload();
        String id =
                payload instanceof io.marketstreams.schema.venue.EventInfo info
                        ? "E|" + info.getVenueEventId()
                        : "M|" + message.marketId;
        return "2|"
                + message.sourceTopic
                + "|"
                + message.sourcePartition
                + "|"
                + pad(message.sourceOffset)
                + "|"
                + id;
    }

    private static String pad(long offset) {
        return String.format("%020d", offset);
    }
}
