package io.marketstreams.bench;

import io.marketstreams.client.BookReplica;
import io.marketstreams.client.DeltaDecoder;
import io.marketstreams.jobs.core.book.OrderBook;
import io.marketstreams.schema.AvroCodec;
import io.marketstreams.schema.BookHealth;
import io.marketstreams.schema.BookSide;
import io.marketstreams.schema.LevelMutation;
import io.marketstreams.schema.MutationAction;
import io.marketstreams.schema.OrderBookDelta;
import io.marketstreams.schema.OrderBookSnapshot;
import io.marketstreams.schema.SnapshotReason;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The client's rebuild of a book from wire bytes: Avro decode of each {@code orders.delta} record,
 * sequence check, mutations and checksum verification ({@link BookReplica}), one core.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.marketstreams")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ClientRebuildBenchmark {
    static final int DELTAS = 100_000;

    private byte[] snapshotBytes;
    private final List<byte[]> deltaBytes = new ArrayList<>();
    private AvroCodec<OrderBookSnapshot> snapshotCodec;
    private AvroCodec<OrderBookDelta> deltaCodec;
    private long fingerprint;
    private final DeltaDecoder deltaDecoder = new DeltaDecoder();
    private OrderBookSnapshot decodedSnapshot;
    private final List<OrderBookDelta> decodedDeltas = new ArrayList<>();

    @Setup
    public void setUp() {
        snapshotCodec = AvroCodec.of(OrderBookSnapshot.class);
        deltaCodec = AvroCodec.of(OrderBookDelta.class);
        fingerprint = deltaCodec.fingerprint();
        BookWorkload w = new BookWorkload(7L, DELTAS, 50);
        OrderBook book = new OrderBook();
        book.load(w.initialBidPrices, w.initialBidQty, w.initialAskPrices, w.initialAskQty);
        OrderBookSnapshot snapshot =
                OrderBookSnapshot.newBuilder()
                        .setMarketId("polymarket:0xbench")
                        .setOutcomeId("YES")
                        .setVenueId("polymarket")
                        .setSequenceStart(1)
                        .setBids(levels(book, BookSide.BID))
                        .setAsks(levels(book, BookSide.ASK))
                        .setChecksum(book.checksum())
                        .setReason(SnapshotReason.INITIAL)
                        .setHealth(BookHealth.LIVE)
                        .setVenueEventTime(0)
                        .setIngestTime(0)
                        .build();
        snapshotBytes = snapshotCodec.encode(snapshot);
        decodedSnapshot = snapshot;
        long seq = 1;
        for (int i = 0; i < DELTAS; i++) {
            MutationAction action = book.set(w.sides[i], w.prices[i], w.quantities[i]);
            if (action == null) {
                throw new IllegalStateException("workload change " + i + " changed nothing");
            }
            seq++;
            OrderBookDelta delta =
                    OrderBookDelta.newBuilder()
                            .setMarketId("polymarket:0xbench")
                            .setOutcomeId("YES")
                            .setVenueId("polymarket")
                            .setSequenceNumber(seq)
                            .setMutations(
                                    List.of(
                                            new LevelMutation(
                                                    action,
                                                    w.sides[i],
                                                    w.prices[i],
                                                    w.quantities[i])))
                            .setChecksum(book.checksum())
                            .setHealth(BookHealth.LIVE)
                            .setVenueSequence(null)
                            .setVenueEventTime(i)
                            .setIngestTime(0)
                            .build();
            deltaBytes.add(deltaCodec.encode(delta));
            decodedDeltas.add(delta);
        }
    }

    private static List<io.marketstreams.schema.PriceLevel> levels(OrderBook book, BookSide side) {
        List<io.marketstreams.schema.PriceLevel> levels = new ArrayList<>();
        for (int i = 0; i < book.levels(side); i++) {
            levels.add(
                    new io.marketstreams.schema.PriceLevel(
                            book.price(side, i), book.quantity(side, i)));
        }
        return levels;
    }

    /** Avro decode alone, for the breakdown; one operation per delta. */
    @Benchmark
    @OperationsPerInvocation(DELTAS)
    public long decodeOnly() throws Exception {
        long sum = 0;
        for (byte[] bytes : deltaBytes) {
            sum += deltaDecoder.decode(bytes, fingerprint).getSequenceNumber();
        }
        return sum;
    }

    /** Sequence check, mutations and checksum alone, on decoded records; one per delta. */
    @Benchmark
    @OperationsPerInvocation(DELTAS)
    public long applyOnly() throws Exception {
        BookReplica replica = new BookReplica("polymarket:0xbench|YES");
        replica.apply(decodedSnapshot);
        for (OrderBookDelta d : decodedDeltas) {
            if (replica.apply(d) != BookReplica.Status.APPLIED) {
                throw new IllegalStateException("rebuild failed");
            }
        }
        return replica.checksum();
    }

    /** Rebuilds the book from its snapshot and all its deltas; one operation per delta. */
    @Benchmark
    @OperationsPerInvocation(DELTAS)
    public long rebuildFromBytes() throws Exception {
        BookReplica replica = new BookReplica("polymarket:0xbench|YES");
        replica.apply(snapshotCodec.decode(snapshotBytes));
        for (byte[] bytes : deltaBytes) {
            // As BookFeed does.
            if (replica.apply(deltaDecoder.decode(bytes, fingerprint))
                    != BookReplica.Status.APPLIED) {
                throw new IllegalStateException("rebuild failed");
            }
        }
        return replica.checksum();
    }
}
