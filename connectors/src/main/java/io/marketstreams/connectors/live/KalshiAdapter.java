package io.marketstreams.connectors.live;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Live ingest of Kalshi's WebSocket API v2: one {@code orderbook_delta} subscription per market
 * ticker, plus one subscription to {@code trade} and {@code market_lifecycle_v2} for all the
 * tickers; every received frame goes to the sink unchanged.
 *
 * <p>Kalshi numbers the messages of each subscription: the envelope {@code {type, sid, seq, msg}}
 * carries the subscription id and a sequence number that grows by one per message (an {@code error}
 * reply on a subscription takes a number too). A message whose {@code seq} is not the previous one
 * plus one for its {@code sid} means messages were lost; the adapter then reconnects and
 * re-subscribes, and Kalshi starts each new subscription with a full {@code orderbook_snapshot}.
 *
 * <p>Kalshi sends WebSocket pings; the JDK client answers them itself.
 */
public final class KalshiAdapter extends ReconnectingWebSocketAdapter {
    /** Kalshi's production WebSocket endpoint. */
    public static final URI DEFAULT_URL =
            URI.create("wss://api.elections.kalshi.com/trade-api/ws/v2");

    /** The venue id of the frames and the default connection id prefix. */
    public static final String VENUE_ID = "kalshi";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFactory FACTORY = JSON.getFactory();
    private static final System.Logger LOG = System.getLogger(KalshiAdapter.class.getName());

    private final List<String> tickers;
    private final AtomicLong gaps = new AtomicLong();
    private final Map<Long, Long> lastSeqBySid = new HashMap<>(); // of the open connection

    /**
     * @param settings where and how to connect ({@link #DEFAULT_URL} in production; the API-key
     *     headers go in {@link ConnectionSettings#headers()})
     * @param tickers the market tickers to follow; at least one
     * @param sink where frames go
     */
    public KalshiAdapter(ConnectionSettings settings, List<String> tickers, RawFrameSink sink) {
        super(VENUE_ID, settings, sink);
        if (tickers.isEmpty()) {
            throw new IllegalArgumentException("no Kalshi market tickers");
        }
        this.tickers = List.copyOf(tickers);
    }

    /** How many sequence gaps made the adapter re-subscribe. */
    public long gapsDetected() {
        return gaps.get();
    }

    /**
     * The subscribe commands of one connection: {@code orderbook_delta} per ticker (ids 1..n), then
     * {@code trade} + {@code market_lifecycle_v2} for all tickers (id n+1). Ids restart per
     * connection because Kalshi scopes them to the session.
     */
    @Override
    protected List<String> subscribeCommands() {
        List<String> commands = new ArrayList<>();
        int id = 1;
        for (String ticker : tickers) {
            ObjectNode params = JSON.createObjectNode();
            params.putArray("channels").add("orderbook_delta");
            params.put("market_ticker", ticker);
            commands.add(command(id++, params));
        }
        ObjectNode params = JSON.createObjectNode();
        params.putArray("channels").add("trade").add("market_lifecycle_v2");
        tickers.forEach(params.putArray("market_tickers")::add);
        commands.add(command(id, params));
        return commands;
    }

    @Override
    protected synchronized void onConnected(String connectionId) {
        lastSeqBySid.clear(); // sids and seqs are per connection
    }

    @Override
    protected synchronized boolean lostSync(String text) {
        Envelope e = Envelope.of(text);
        if (e == null || e.sid() == null || e.seq() == null) {
            return false; // not sequenced (subscribed acks, command errors, unparsable frames)
        }
        Long previous = lastSeqBySid.put(e.sid(), e.seq());
        // A snapshot restates the whole book: whatever came before it no longer matters.
        if (previous == null || "orderbook_snapshot".equals(e.type())) {
            return false;
        }
        if (e.seq() != previous + 1) {
            gaps.incrementAndGet();
            LOG.log(
                    Level.WARNING,
                    "kalshi sid {0}: seq {1} after {2}; re-subscribing",
                    e.sid(),
                    e.seq(),
                    previous);
            return true;
        }
        return false;
    }

    private static String command(int id, ObjectNode params) {
        ObjectNode cmd = JSON.createObjectNode();
        cmd.put("id", id);
        cmd.put("cmd", "subscribe");
        cmd.set("params", params);
        return cmd.toString();
    }

    /**
     * The envelope fields of a Kalshi message; the {@code msg} body is skipped, not parsed.
     *
     * @param type the message type, or null
     * @param sid the subscription id, or null
     * @param seq the sequence number, or null
     */
    record Envelope(String type, Long sid, Long seq) {
        /** Reads the envelope; null when the text is not a JSON object. */
        static Envelope of(String text) {
            String type = null;
            Long sid = null;
            Long seq = null;
            try (JsonParser p = FACTORY.createParser(text)) {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    return null;
                }
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    JsonToken value = p.nextToken();
                    if ("type".equals(field) && value == JsonToken.VALUE_STRING) {
                        type = p.getText();
                    } else if ("sid".equals(field) && value == JsonToken.VALUE_NUMBER_INT) {
                        sid = p.getLongValue();
                    } else if ("seq".equals(field) && value == JsonToken.VALUE_NUMBER_INT) {
                        seq = p.getLongValue();
                    } else {
                        p.skipChildren();
                    }
                }
            } catch (IOException e) {
                return null; // written to raw anyway; the parser quarantines it
            }
            return new Envelope(type, sid, seq);
        }
    }
}
