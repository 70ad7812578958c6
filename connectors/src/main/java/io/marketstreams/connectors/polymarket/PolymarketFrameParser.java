package io.marketstreams.connectors.polymarket;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketstreams.connectors.json.FieldRejection;
import io.marketstreams.connectors.json.JsonElements;
import io.marketstreams.connectors.json.JsonFields;
import io.marketstreams.connectors.json.StrictJson;
import io.marketstreams.connectors.raw.FrameParser;
import io.marketstreams.connectors.raw.InputLimits;
import io.marketstreams.connectors.raw.ParsedFrame;
import io.marketstreams.connectors.raw.RawFrame;
import io.marketstreams.schema.ReasonCode;
import io.marketstreams.schema.TakerSide;
import io.marketstreams.schema.venue.BookDelta;
import io.marketstreams.schema.venue.BookSnapshot;
import io.marketstreams.schema.venue.EventInfo;
import io.marketstreams.schema.venue.MarketInfo;
import io.marketstreams.schema.venue.MarketStatus;
import io.marketstreams.schema.venue.Resolution;
import io.marketstreams.schema.venue.TradeReport;
import io.marketstreams.schema.venue.VenueMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses Polymarket's native frames, CLOB market-channel WebSocket messages and Gamma REST bodies,
 * into {@link VenueMessage}s. The mapping, every rejection and what is ignored are in
 * docs/venues/polymarket.md; in short:
 *
 * <ul>
 *   <li>{@code book} (an object, or an array of them) → one {@link BookSnapshot} per book, BID and
 *       ASK ladder of the token, levels best first;
 *   <li>{@code price_change} in all three shapes (single level, {@code changes[]}, {@code
 *       price_changes[]}) → one {@link BookDelta} of ABSOLUTE level sizes;
 *   <li>{@code last_trade_price} → {@link TradeReport}; {@code market_resolved} → {@link
 *       Resolution} (status {@code resolved});
 *   <li>{@code tick_size_change}, {@code best_bid_ask}, {@code new_market}, subscription echoes and
 *       {@code PING}/{@code PONG} → {@link ParsedFrame.Ignored};
 *   <li>a Gamma event (or an array of them) → {@link EventInfo}, then per nested market a {@link
 *       MarketInfo} and, for UMA statuses, a {@link Resolution} or {@link MarketStatus}; a bare
 *       Gamma market (or an array of them) → the same without the EventInfo.
 * </ul>
 *
 * <p>In book, trade and resolution payloads of the WebSocket the {@code outcome_id} is the CLOB
 * token id ({@code asset_id}): the parser is stateless and cannot know which token is YES. The job
 * maps token ids to outcome ids through the {@code venue_outcome_id}s of the market's {@link
 * MarketInfo}. Stateless, deterministic, never throws.
 *
 * <p>This class reads the frame and dispatches on its shape; the protocols are parsed by {@link
 * PolymarketClobParser} (market channel) and {@link PolymarketGammaParser} (Gamma). Rejections name
 * the field's path from the frame's root ({@code [1].asset_id}, {@code markets[0].conditionId}).
 */
public final class PolymarketFrameParser implements FrameParser {
    /** The venue id of every message. */
    public static final String VENUE_ID = "polymarket";

    /** {@code venue_status} of a {@code market_resolved} resolution. */
    public static final String MARKET_RESOLVED_STATUS = "resolved";

    /** {@code resolution_source} of a {@code market_resolved} resolution. */
    public static final String MARKET_RESOLVED_SOURCE = "polymarket";

    /** Prefix of the {@code venue_status} of resolutions and statuses from Gamma's UMA status. */
    public static final String UMA_STATUS_PREFIX = "uma:";

    /** A CLOB token id is a uint256: at most this many decimal digits. */
    public static final int MAX_TOKEN_ID_DIGITS = 78;

    private final StrictJson json;

    /** Creates a parser reading within the default limits; it holds no state. */
    public PolymarketFrameParser() {
        this(StrictJson.of(InputLimits.DEFAULTS));
    }

    /**
     * Creates a parser reading frames with the given JSON reader (its limits; JSON embedded in
     * Gamma string fields is read within the default limits). The limits on sizes and on what
     * messages carry are {@link io.marketstreams.connectors.raw.LimitedFrameParser}'s, around this
     * parser.
     */
    public PolymarketFrameParser(StrictJson json) {
        this.json = json;
    }

    @Override
    public ParsedFrame parse(RawFrame frame) {
        try {
            return parseFrame(frame);
        } catch (FieldRejection r) {
            return r.toRejected();
        } catch (RuntimeException e) {
            return new ParsedFrame.Rejected(
                    ReasonCode.MALFORMED,
                    "unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /**
     * The outcome id of a Gamma outcome name: {@code YES} / {@code NO} for "Yes" / "No" (any case,
     * surrounding blanks ignored), otherwise the name, trimmed and upper-cased (root locale), with
     * every character other than {@code A-Z} and {@code 0-9} replaced by {@code _} ("Los Angeles
     * Lakers" → {@code LOS_ANGELES_LAKERS}, "Up" → {@code UP}).
     */
    public static String outcomeId(String outcomeName) {
        String name = outcomeName.trim();
        if (name.equalsIgnoreCase("yes")) {
            return "YES";
        }
        if (name.equalsIgnoreCase("no")) {
            return "NO";
        }
        String upper = name.toUpperCase(Locale.ROOT);
        StringBuilder id = new StringBuilder(upper.length());
        upper.codePoints()
                .forEach(
                        c ->
                                id.append(
                                        (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                                                ? (char) c
                                                : '_'));
        return id.toString();
    }

    /**
     * The venue trade id of a {@code last_trade_price}: {@code
     * <transaction_hash>:<asset_id>:<side>:<price micro-units>:<size micro-units>}, side being
     * {@code BUY} or {@code SELL} (upper case; an unrecognized side verbatim).
     */
    public static String tradeId(
            String transactionHash, String assetId, TakerSide side, long price, long size) {
        return tradeId(transactionHash, assetId, side, side.name(), price, size);
    }

    static String tradeId(
            String transaction, String asset, TakerSide side, String raw, long price, long size) {
        String sideText = side == TakerSide.UNKNOWN ? raw : side.name();
        return transaction + ":" + asset + ":" + sideText + ":" + price + ":" + size;
    }

    // ---------------------------------------------------------------- dispatch

    private ParsedFrame parseFrame(RawFrame frame) {
        byte[] payload = frame.payload();
        String heartbeat = heartbeat(payload);
        if (heartbeat != null) {
            return new ParsedFrame.Ignored(heartbeat);
        }
        JsonNode root = json.parse(payload);
        if (root.isObject()) {
            return parseObject(JsonFields.of(root, ""), frame);
        }
        if (root.isArray()) {
            return parseArray(JsonElements.of(root, ""), frame);
        }
        throw FieldRejection.malformed(
                "",
                "a frame must be a JSON object or array, not "
                        + root.getNodeType().name().toLowerCase(Locale.ROOT));
    }

    /** PING / PONG heartbeats of the market channel are plain text, not JSON. */
    private static String heartbeat(byte[] payload) {
        if (payload.length > 16) {
            return null;
        }
        String text = new String(payload, StandardCharsets.UTF_8).trim();
        return text.equals("PONG") || text.equals("PING") ? text : null;
    }

    /**
     * An array of messages (the {@code book}s sent on subscribing, a page of Gamma events): their
     * messages in order; ignored when every element is ignored.
     */
    private static ParsedFrame parseArray(JsonElements array, RawFrame frame) {
        List<VenueMessage> messages = new ArrayList<>();
        String ignored = null;
        for (int i = 0; i < array.size(); i++) {
            ParsedFrame parsed = parseObject(array.object(i), frame);
            if (parsed instanceof ParsedFrame.Messages m) {
                messages.addAll(m.messages());
            } else if (parsed instanceof ParsedFrame.Ignored ig && ignored == null) {
                ignored = ig.messageType();
            }
        }
        if (messages.isEmpty() && ignored != null) {
            return new ParsedFrame.Ignored(ignored);
        }
        return new ParsedFrame.Messages(List.copyOf(messages));
    }

    /** One object, by its shape: a market-channel message, a Gamma market or event, an echo. */
    private static ParsedFrame parseObject(JsonFields node, RawFrame frame) {
        // The raw value: an empty event_type is an unknown type, not an absent one.
        JsonNode eventType = node.optionalValue("event_type");
        if (eventType != null) {
            if (!eventType.isTextual()) {
                throw node.malformed(
                        "event_type", "expected a string, got " + StrictJson.describe(eventType));
            }
            return PolymarketClobParser.parse(node, eventType.textValue(), frame);
        }
        if (node.hasKey("conditionId")) {
            return PolymarketGammaParser.market(node, frame);
        }
        if (node.hasKey("markets") || node.hasKey("title")) {
            return PolymarketGammaParser.event(node, frame);
        }
        if (node.hasKey("assets_ids") || node.hasKey("operation") || node.hasKey("type")) {
            return new ParsedFrame.Ignored("subscription");
        }
        throw FieldRejection.malformed(
                node.path(),
                "object without event_type that is neither a Gamma event nor a Gamma market");
    }
}
