package io.marketstreams.connectors.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Live ingest of Polymarket's CLOB market channel: subscribes to the configured token (asset) ids
 * with {@code {"type":"market","assets_ids":[...]}} and writes every frame to the sink unchanged.
 * On a new connection the venue answers the subscription with fresh {@code book} frames, so a
 * reconnect after a drop resynchronizes the books.
 *
 * <p>Polymarket expects the text {@code PING} every 10 seconds on this channel and answers {@code
 * PONG}. The adapter sends it at the configured interval; the {@code PONG} replies are transport
 * chatter to our own pings, not venue data, and are not written to raw.
 */
public final class PolymarketAdapter extends ReconnectingWebSocketAdapter {
    /** Polymarket's CLOB market channel. */
    public static final URI DEFAULT_URL =
            URI.create("wss://ws-subscriptions-clob.polymarket.com/ws/market");

    /** The venue id of the frames and the default connection id prefix. */
    public static final String VENUE_ID = "polymarket";

    /** The keep-alive interval the venue documents. */
    public static final Duration DEFAULT_PING_INTERVAL = Duration.ofSeconds(10);

    static final String PING = "PING";
    static final String PONG = "PONG";

    private final String subscribe;
    private final Duration pingInterval;
    private ScheduledFuture<?> pings; // of the open connection; guarded by this

    /**
     * @param settings where and how to connect ({@link #DEFAULT_URL} in production)
     * @param tokenIds the CLOB token (asset) ids to follow; at least one
     * @param pingInterval how often to send {@code PING}; zero disables it
     * @param sink where frames go
     */
    public PolymarketAdapter(
            ConnectionSettings settings,
            List<String> tokenIds,
            Duration pingInterval,
            RawFrameSink sink) {
        super(VENUE_ID, settings, sink);
        if (tokenIds.isEmpty()) {
            throw new IllegalArgumentException("no Polymarket token ids");
        }
        if (pingInterval.isNegative()) {
            throw new IllegalArgumentException("negative ping interval");
        }
        ObjectNode cmd = new ObjectMapper().createObjectNode();
        cmd.put("type", "market");
        tokenIds.forEach(cmd.putArray("assets_ids")::add);
        this.subscribe = cmd.toString();
        this.pingInterval = pingInterval;
    }

    @Override
    protected List<String> subscribeCommands() {
        return List.of(subscribe);
    }

    @Override
    protected synchronized void onConnected(String connectionId) {
        if (!pingInterval.isZero()) {
            long ms = pingInterval.toMillis();
            pings =
                    scheduler()
                            .scheduleAtFixedRate(() -> send(PING), ms, ms, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    protected synchronized void onDisconnected(String connectionId) {
        if (pings != null) {
            pings.cancel(false);
            pings = null;
        }
    }

    @Override
    protected boolean isVenueFrame(String text) {
        return !PONG.equals(text);
    }
}
