package io.marketstreams.connectors.polymarket;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The order-book summary hash as Polymarket's official clients compute it ({@code
 * generate_orderbook_summary_hash} in py-clob-client since 0.34.4 and py-clob-client-v2): SHA-1,
 * lower-case hex, of the compact JSON object {@code {"market","asset_id","timestamp","hash":"",
 * "bids":[{"price","size"}…],"asks":[…],"min_order_size","tick_size","neg_risk",
 * "last_trade_price"}} in exactly that key order, strings verbatim.
 *
 * <p>It reproduces the clients' published test vector, but it is <b>not</b> used to validate venue
 * {@code book} frames: a WebSocket {@code book} frame does not carry {@code min_order_size} and
 * {@code neg_risk} and carries {@code last_trade_price} only sometimes, the field set has changed
 * three times, and client authors report mismatches on live frames. See docs/venues/polymarket.md,
 * "The book hash". {@link PolymarketFrames} uses it so that simulated books carry a hash of the
 * documented form.
 */
public final class PolymarketBookHash {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PolymarketBookHash() {}

    /** One level as the venue writes it: price and size decimal strings. */
    public record Level(String price, String size) {}

    /**
     * The summary hash. Null strings are written as JSON {@code null}, as the clients do for absent
     * fields.
     */
    public static String summaryHash(
            String market,
            String assetId,
            String timestamp,
            List<Level> bids,
            List<Level> asks,
            String minOrderSize,
            String tickSize,
            Boolean negRisk,
            String lastTradePrice) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("market", market);
        o.put("asset_id", assetId);
        o.put("timestamp", timestamp);
        o.put("hash", "");
        o.set("bids", levels(bids));
        o.set("asks", levels(asks));
        o.put("min_order_size", minOrderSize);
        o.put("tick_size", tickSize);
        o.put("neg_risk", negRisk);
        o.put("last_trade_price", lastTradePrice);
        return sha1Hex(compactJson(o));
    }

    private static ArrayNode levels(List<Level> levels) {
        ArrayNode a = MAPPER.createArrayNode();
        for (Level l : levels) {
            ObjectNode n = a.addObject();
            n.put("price", l.price());
            n.put("size", l.size());
        }
        return a;
    }

    /**
     * Compact JSON as Python's {@code json.dumps(..., separators=(",", ":"), ensure_ascii=False)}
     * writes it for string, boolean and null values (Jackson escapes the same characters for the
     * ASCII text the venue sends).
     */
    private static String compactJson(ObjectNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SHA-1 of the UTF-8 bytes of a text, lower-case hex. */
    static String sha1Hex(String text) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            return HexFormat.of().formatHex(sha1.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every JVM", e);
        }
    }
}
