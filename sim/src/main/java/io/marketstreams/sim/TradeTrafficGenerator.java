package io.marketstreams.sim;

import io.marketstreams.schema.AvroCodec;
import io.marketstreams.schema.StreamTopic;
import io.marketstreams.schema.TakerSide;
import io.marketstreams.schema.venue.MarketStatus;
import io.marketstreams.schema.venue.Resolution;
import io.marketstreams.schema.venue.TradeReport;
import io.marketstreams.schema.venue.VenueMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded stand-in generator of {@code venue.messages} trade traffic for the local run and tests,
 * with bad records mixed in at a configurable rate. The same seed and settings give the same
 * records, byte for byte: times come from a simulated clock, never the wall clock.
 *
 * <p>The first records are the catalog prelude ({@link CatalogPrelude}). Markets are binary ({@code
 * YES}/{@code NO}) markets of the {@code kalshi} venue (ids {@code SIM-MKT-0000}, ...). The venue
 * simulator of the connectors issue replaces this with native Kalshi and Polymarket frames.
 */
public final class TradeTrafficGenerator {
    /**
     * Venue id of generated traffic: a registered venue (the job knows no other), whose statuses
     * ({@code active}, {@code closed}, {@code determined}, {@code finalized}) the generator uses.
     */
    public static final String VENUE = "kalshi";

    /** Simulated clock start: 2026-01-01T00:00:00Z. */
    public static final long EPOCH_MS = 1_767_225_600_000L;

    private static final long MICROS = 1_000_000L;
    private static final int RECENT_PER_MARKET = 16;

    private final SplittableRandom random;
    private final int markets;
    private final double badRate;
    private final AvroCodec<VenueMessage> codec = AvroCodec.of(VenueMessage.class);
    private final List<List<VenueMessage>> recentTrades = new ArrayList<>();
    private long clockMs = EPOCH_MS;
    private long tradeCounter;
    private final List<GeneratedRecord> prelude = new ArrayList<>();

    /**
     * @param seed random seed
     * @param markets number of simulated markets (at least 1)
     * @param badRate share of records, in [0, 1), that are bad or duplicates
     */
    public TradeTrafficGenerator(long seed, int markets, double badRate) {
        if (markets < 1) {
            throw new IllegalArgumentException("markets must be at least 1");
        }
        if (badRate < 0 || badRate >= 1) {
            throw new IllegalArgumentException("badRate must be in [0, 1)");
        }
        this.random = new SplittableRandom(seed);
        this.markets = markets;
        this.badRate = badRate;
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < markets; i++) {
            recentTrades.add(new ArrayList<>());
            ids.add(venueMarketId(i));
        }
        prelude.addAll(CatalogPrelude.records(VENUE, ids, "SIM-", EPOCH_MS));
    }

    /** Catalog records (events and markets) still to come before the first trade. */
    public int preludeRemaining() {
        return prelude.size();
    }

    /** The canonical market id of simulated market {@code index}. */
    public static String marketId(int index) {
        return VENUE + ":" + venueMarketId(index);
    }

    private static String venueMarketId(int index) {
        return String.format("SIM-MKT-%04d", index);
    }

    /**
     * The next record: first the catalog prelude (every simulated event and market, markets
     * active), then trade traffic.
     */
    public GeneratedRecord next() {
        if (!prelude.isEmpty()) {
            return prelude.remove(0);
        }
        clockMs += 1 + random.nextInt(50);
        int market = random.nextInt(markets);
        List<VenueMessage> recent = recentTrades.get(market);
        GeneratedRecord.Kind kind = chooseKind(!recent.isEmpty());
        switch (kind) {
            case MALFORMED:
                return malformed(market);
            case EXACT_DUPLICATE:
                {
                    VenueMessage original = recent.get(random.nextInt(recent.size()));
                    VenueMessage copy = VenueMessage.newBuilder(original).build();
                    // A redelivery: the venue sends the same trade again, we receive it later.
                    copy.setIngestTime(clockMs + 5);
                    return record(market, copy, kind);
                }
            case CONFLICTING_DUPLICATE:
                {
                    VenueMessage original = recent.get(random.nextInt(recent.size()));
                    TradeReport changed =
                            TradeReport.newBuilder((TradeReport) original.getPayload()).build();
                    changed.setQuantity(changed.getQuantity() + MICROS);
                    VenueMessage copy = VenueMessage.newBuilder(original).build();
                    copy.setPayload(changed);
                    copy.setIngestTime(clockMs + 5);
                    return record(market, copy, kind);
                }
            default:
                {
                    VenueMessage trade = trade(market, kind);
                    if (kind == GeneratedRecord.Kind.TRADE) {
                        if (recent.size() == RECENT_PER_MARKET) {
                            recent.remove(0);
                        }
                        recent.add(trade);
                    }
                    return record(market, trade, kind);
                }
        }
    }

    /**
     * Ends the life of the first {@code count} markets, in order: the venue moves the close time to
     * now (a metadata patch), trading closes, the venue determines an outcome, then finalizes it.
     * Whole simulated events whose markets are all settled resolve too.
     */
    public List<GeneratedRecord> settle(int count) {
        List<GeneratedRecord> records = new ArrayList<>();
        for (int market = 0; market < Math.min(count, markets); market++) {
            String outcome = random.nextBoolean() ? "YES" : "NO";
            clockMs += 1;
            records.add(
                    lifecycle(
                            market,
                            CatalogPrelude.marketInfo(
                                            venueMarketId(market),
                                            CatalogPrelude.venueEventId("SIM-", market))
                                    .setCloseTime(clockMs)
                                    .build()));
            clockMs += 1;
            records.add(lifecycle(market, new MarketStatus(venueMarketId(market), "closed", null)));
            for (String status : List.of("determined", "finalized")) {
                clockMs += 1;
                records.add(
                        lifecycle(
                                market,
                                Resolution.newBuilder()
                                        .setVenueMarketId(venueMarketId(market))
                                        .setResolvedOutcomeId(outcome)
                                        .setPayouts(List.of())
                                        .setVenueStatus(status)
                                        .setResolutionSource("simulator")
                                        .build()));
            }
        }
        return records;
    }

    private GeneratedRecord lifecycle(int market, Object payload) {
        VenueMessage message =
                VenueMessage.newBuilder()
                        .setVenueId(VENUE)
                        .setVenueEventTime(clockMs)
                        .setIngestTime(clockMs + 1)
                        .setPayload(payload)
                        .build();
        return new GeneratedRecord(
                marketId(market),
                codec.encode(message),
                codec.fingerprint(),
                GeneratedRecord.Kind.CATALOG);
    }

    private GeneratedRecord.Kind chooseKind(boolean canDuplicate) {
        if (random.nextDouble() >= badRate) {
            return GeneratedRecord.Kind.TRADE;
        }
        GeneratedRecord.Kind[] bad = {
            GeneratedRecord.Kind.EXACT_DUPLICATE,
            GeneratedRecord.Kind.CONFLICTING_DUPLICATE,
            GeneratedRecord.Kind.MALFORMED,
            GeneratedRecord.Kind.PRICE_OUT_OF_RANGE,
            GeneratedRecord.Kind.INVALID_QUANTITY,
            GeneratedRecord.Kind.UNKNOWN_TAKER_SIDE,
            GeneratedRecord.Kind.UNKNOWN_OUTCOME
        };
        GeneratedRecord.Kind kind = bad[random.nextInt(bad.length)];
        if (!canDuplicate
                && (kind == GeneratedRecord.Kind.EXACT_DUPLICATE
                        || kind == GeneratedRecord.Kind.CONFLICTING_DUPLICATE)) {
            return GeneratedRecord.Kind.TRADE;
        }
        return kind;
    }

    private VenueMessage trade(int market, GeneratedRecord.Kind kind) {
        tradeCounter++;
        long priceCents = 1 + random.nextInt(99);
        long price = priceCents * MICROS / 100;
        long quantity = (1 + random.nextInt(500)) * MICROS;
        String outcome = random.nextBoolean() ? "YES" : "NO";
        TakerSide side = random.nextBoolean() ? TakerSide.BUY : TakerSide.SELL;
        switch (kind) {
            case PRICE_OUT_OF_RANGE:
                price = random.nextBoolean() ? 0 : MICROS + 10_000;
                break;
            case INVALID_QUANTITY:
                quantity = random.nextBoolean() ? 0 : -quantity;
                break;
            case UNKNOWN_TAKER_SIDE:
                side = TakerSide.UNKNOWN;
                break;
            case UNKNOWN_OUTCOME:
                outcome = "MAYBE";
                break;
            default:
                break;
        }
        TradeReport report =
                TradeReport.newBuilder()
                        .setVenueTradeId(String.format("T%010d", tradeCounter))
                        .setVenueMarketId(venueMarketId(market))
                        .setOutcomeId(outcome)
                        .setPrice(price)
                        .setQuantity(quantity)
                        .setTakerSide(side)
                        .build();
        return VenueMessage.newBuilder()
                .setVenueId(VENUE)
                .setVenueEventTime(clockMs)
                .setIngestTime(clockMs + 1 + random.nextInt(20))
                .setPayload(report)
                .build();
    }

    private GeneratedRecord malformed(int market) {
        byte[] bytes;
        if (random.nextBoolean()) {
            bytes = "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8);
        } else {
            // A valid message cut short: the decoder runs out of bytes.
            byte[] valid = codec.encode(trade(market, GeneratedRecord.Kind.TRADE));
            bytes = java.util.Arrays.copyOf(valid, valid.length / 2);
        }
        return new GeneratedRecord(
                marketId(market), bytes, codec.fingerprint(), GeneratedRecord.Kind.MALFORMED);
    }

    private GeneratedRecord record(int market, VenueMessage message, GeneratedRecord.Kind kind) {
        return new GeneratedRecord(
                marketId(market), codec.encode(message), codec.fingerprint(), kind);
    }

    /** The stream the generated records belong to. */
    public static StreamTopic topic() {
        return StreamTopic.VENUE_MESSAGES;
    }
}
