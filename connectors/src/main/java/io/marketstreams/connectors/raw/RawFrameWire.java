package io.marketstreams.connectors.raw;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * How a {@link RawFrame} is stored in a raw topic ({@code raw.kalshi}, {@code raw.polymarket}): key
 * = the connection id (UTF-8), so one connection's frames stay in one partition and in order; value
 * = the frame's bytes, unchanged; headers {@value #STREAM} (the topic's stream name), {@value
 * #RECEIVE_TIME} (decimal epoch milliseconds) and {@value #CONNECTION_ID}.
 */
public final class RawFrameWire {
    /** Header naming the stream, as on every other topic. */
    public static final String STREAM = "marketstreams.stream";

    /** Header with the receive time, decimal epoch milliseconds UTC. */
    public static final String RECEIVE_TIME = "marketstreams.receive-time";

    /** Header with the connection id. */
    public static final String CONNECTION_ID = "marketstreams.connection-id";

    /**
     * The largest raw-topic record, in bytes: the raw topics' {@code max.message.bytes} and the
     * adapters' {@code max.request.size}. It is above the job's frame limit ({@code
     * marketstreams.raw.max-frame-bytes}, 4 MiB by default) so that an oversized frame still
     * reaches the raw topic and is quarantined with its size, where the job (and its replays) can
     * see it; only a frame beyond this is refused by Kafka at the adapter. It also bounds the
     * largest record a raw-topic consumer can be handed, whatever its fetch sizes.
     */
    public static final int MAX_RECORD_BYTES = 16 << 20;

    private RawFrameWire() {}

    /** The raw stream (and topic) name of a venue: {@code raw.<venue_id>}. */
    public static String streamName(String venueId) {
        return "raw." + venueId;
    }

    /** The Kafka key of a frame: its venue. */
    public static byte[] key(RawFrame frame) {
        return frame.venueId().getBytes(StandardCharsets.UTF_8);
    }

    /** The Kafka headers of a frame, in order. */
    public static Map<String, byte[]> headers(RawFrame frame) {
        Map<String, byte[]> headers = new LinkedHashMap<>();
        headers.put(STREAM, utf8(streamName(frame.venueId())));
        headers.put(RECEIVE_TIME, utf8(Long.toString(frame.receiveTimeMs())));
        headers.put(CONNECTION_ID, utf8(frame.connectionId()));
        return headers;
    }

    /**
     * Reads a frame back from a raw-topic record.
     *
     * @param venueId the venue of the topic
     * @param value the record value
     * @param header the record's last header value by name, or null when absent
     * @throws IllegalArgumentException when the receive-time or connection-id header is missing or
     *     invalid
     */
    public static RawFrame read(String venueId, byte[] value, Function<String, byte[]> header) {
        byte[] time = header.apply(RECEIVE_TIME);
        byte[] connection = header.apply(CONNECTION_ID);
        if (time == null || connection == null) {
            throw new IllegalArgumentException(
                    "raw frame without " + (time == null ? RECEIVE_TIME : CONNECTION_ID));
        }
        long receiveTime;
        try {
            receiveTime = Long.parseLong(new String(time, StandardCharsets.UTF_8));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid " + RECEIVE_TIME + " header", e);
        }
        return new RawFrame(
                venueId,
                new String(connection, StandardCharsets.UTF_8),
                receiveTime,
                value == null ? new byte[0] : value);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
