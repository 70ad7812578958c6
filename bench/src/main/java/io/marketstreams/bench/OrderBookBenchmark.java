package io.marketstreams.bench;

import io.marketstreams.jobs.core.book.OrderBook;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** {@link OrderBook#set}: one level change (with its O(1) checksum update), one thread. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.marketstreams")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class OrderBookBenchmark {
    private static final int CHANGES = 1 << 16;

    @Param({"10", "50", "200"})
    public int depth;

    private BookWorkload workload;
    private OrderBook book;
    private int next;

    @Setup
    public void setUp() {
        workload = new BookWorkload(42L, CHANGES, depth);
        book = new OrderBook(depth * 2);
        book.load(
                workload.initialBidPrices,
                workload.initialBidQty,
                workload.initialAskPrices,
                workload.initialAskQty);
    }

    @Benchmark
    public Object levelChange() {
        int i = next++ & (CHANGES - 1);
        return book.set(workload.sides[i], workload.prices[i], workload.quantities[i]);
    }
}
