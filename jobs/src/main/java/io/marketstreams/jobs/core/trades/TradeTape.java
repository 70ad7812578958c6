package io.marketstreams.jobs.core.trades;

import io.marketstreams.jobs.core.MarketIds;
import io.marketstreams.jobs.core.Rejection;
import io.marketstreams.schema.AvroCodec;
import io.marketstreams.schema.ReasonCode;
import io.marketstreams.schema.Trade;
import io.marketstreams.schema.venue.TradeReport;
import io.marketstreams.schema.venue.VenueMessage;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import org.apache.avro.SchemaNormalization;

/**
 * The trade tape of one market: validates each venue trade, drops exact duplicates, rejects
 * conflicting duplicates, and numbers accepted trades with a contiguous per-market {@code
 * trade_sequence}.
 *
 * <p><b>Bounded dedupe, deterministically.</b> Trade ids are remembered for at least {@code
 * retention} of venue event time behind the newest trade <i>of the same market</i>, and at most one
 * {@code bucket} longer (they are forgotten a bucket at a time). Eviction is driven only by the
 * market's own input, never by watermarks or the wall clock, so a replay makes the same decisions.
 * A trade older than the newest trade minus the retention can no longer be proven new, so it is
 * quarantined as {@code BEYOND_DEDUPE_HORIZON} rather than risk emitting it twice.
 *
 * <p>Not thread-safe: one instance per operator instance.
 */
public final class TradeTape {
    private final long retentionMs;
    private final long bucketMs;
    private final AvroCodec<TradeReport> contentCodec = AvroCodec.of(TradeReport.class);

    /**
     * @param retention how long (venue event time) trade ids are remembered behind the newest trade
     *     of the market
     * @param bucket eviction granularity; ids are evicted a whole bucket at a time
     */
    public TradeTape(Duration retention, Duration bucket) {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention must be positive");
        }
        if (bucket.isNegative() || bucket.isZero() || bucket.compareTo(retention) > 0) {
            throw new IllegalArgumentException("bucket must be positive and at most retention");
        }
        this.retentionMs = retention.toMillis();
        this.bucketMs = bucket.toMillis();
    }

    /**
     * Decides what to do with one venue trade and updates the market's state accordingly.
     *
     * @param message the venue message carrying {@code report}
     * @param report the trade payload of {@code message}
     * @param outcomes outcome ids of the market
     * @param state the market's tape state
     */
    public TradeDecision process(
            VenueMessage message, TradeReport report, Set<String> outcomes, TradeTapeState state) {
        Rejection invalid = TradeValidator.validate(report, outcomes);
        if (invalid != null) {
            return new TradeDecision.Reject(invalid);
        }
        long eventTime = message.getVenueEventTime();
        TapeCursor cursor = state.cursor();
        if (cursor == null) {
            cursor = new TapeCursor();
        }
        String tradeId = MarketIds.tradeId(message.getVenueId(), report.getVenueTradeId());
        if (cursor.maxEventTime != Long.MIN_VALUE && eventTime < horizon(cursor.maxEventTime)) {
            return new TradeDecision.Reject(
                    new Rejection(
                            ReasonCode.BEYOND_DEDUPE_HORIZON,
                            "trade "
                                    + tradeId
                                    + " at "
                                    + eventTime
                                    + " is older than the dedupe horizon "
                                    + horizon(cursor.maxEventTime)));
        }
        long fingerprint = contentFingerprint(report, eventTime);
        Long known = state.fingerprint(report.getVenueTradeId());
        if (known != null) {
            if (known == fingerprint) {
                return new TradeDecision.ExactDuplicate(tradeId);
            }
            return new TradeDecision.Reject(
                    new Rejection(
                            ReasonCode.CONFLICTING_DUPLICATE,
                            "trade " + tradeId + " seen before with different content"));
        }

        long sequence = ++cursor.lastTradeSequence;
        state.remember(sequence, report.getVenueTradeId(), fingerprint);
        if (eventTime > cursor.maxEventTime) {
            cursor.maxEventTime = eventTime;
            long bucket = Math.floorDiv(eventTime, bucketMs);
            int segments = cursor.segmentBuckets.length;
            if (segments == 0 || bucket > cursor.segmentBuckets[segments - 1]) {
                cursor.segmentBuckets = append(cursor.segmentBuckets, bucket);
                cursor.segmentStarts = append(cursor.segmentStarts, sequence);
            }
            evictBeforeHorizon(cursor, state);
        }
        state.cursor(cursor);
        return new TradeDecision.Emit(toTrade(message, report, tradeId, sequence));
    }

    private long horizon(long maxEventTime) {
        return maxEventTime - retentionMs;
    }

    /**
     * Forgets every segment whose bucket ends at or before the horizon: all its trades are older
     * than the horizon, so no later trade they could duplicate is accepted anyway. The newest
     * segment is never forgotten, because the horizon lies at least one bucket behind it.
     */
    private void evictBeforeHorizon(TapeCursor cursor, TradeTapeState state) {
        long horizon = horizon(cursor.maxEventTime);
        int drop = 0;
        int segments = cursor.segmentBuckets.length;
        while (drop < segments - 1 && (cursor.segmentBuckets[drop] + 1) * bucketMs <= horizon) {
            for (long s = cursor.segmentStarts[drop]; s < cursor.segmentStarts[drop + 1]; s++) {
                state.forget(s);
            }
            drop++;
        }
        if (drop > 0) {
            cursor.segmentBuckets = Arrays.copyOfRange(cursor.segmentBuckets, drop, segments);
            cursor.segmentStarts = Arrays.copyOfRange(cursor.segmentStarts, drop, segments);
        }
    }

    private static long[] append(long[] values, long value) {
        long[] grown = Arrays.copyOf(values, values.length + 1);
        grown[values.length] = value;
        return grown;
    }

    /**
     * Fingerprint of what makes two reports the same trade: every field of the venue's trade report
     * and its venue event time; not the ingest time or venue sequence, which a redelivery may
     * change.
     */
    long contentFingerprint(TradeReport report, long eventTime) {
        byte[] content = contentCodec.encode(report);
        ByteBuffer buffer = ByteBuffer.allocate(content.length + Long.BYTES);
        buffer.put(content).putLong(eventTime);
        return SchemaNormalization.fingerprint64(buffer.array());
    }

    private static Trade toTrade(
            VenueMessage message, TradeReport report, String tradeId, long tradeSequence) {
        return Trade.newBuilder()
                .setTradeId(tradeId)
                .setVenueTradeId(report.getVenueTradeId())
                .setMarketId(MarketIds.marketId(message.getVenueId(), report.getVenueMarketId()))
                .setVenueId(message.getVenueId())
                .setOutcomeId(report.getOutcomeId())
                .setPrice(report.getPrice())
                .setQuantity(report.getQuantity())
                .setTakerSide(report.getTakerSide())
                .setMakerOrderId(report.getMakerOrderId())
                .setTakerOrderId(report.getTakerOrderId())
                .setTimestamp(message.getVenueEventTime())
                .setTradeSequence(tradeSequence)
                .setVenueSequence(message.getVenueSequence())
                .setCorrectsTradeId(null)
                .setIngestTime(message.getIngestTime())
                .build();
    }
}
