package io.marketstreams.jobs.core.book;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketstreams.client.BookReplica;
import io.marketstreams.schema.BookSide;
import io.marketstreams.schema.PriceLevel;
import io.marketstreams.sim.BookTrafficGenerator;
import io.marketstreams.sim.GeneratedRecord;
import io.marketstreams.testkit.BookRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/**
 * Random venue streams (both venue conventions) with injected gaps, repeats, reorders and stale
 * messages, replayed through the book core.
 */
class OrderBookPropertiesTest {

    @Property(tries = 60)
    void clientBooksEqualJobBooksAndOutputNeverHasAGap(
            @ForAll long seed,
            @ForAll @IntRange(min = 1, max = 4) int kalshiMarkets,
            @ForAll @IntRange(min = 0, max = 4) int polymarketMarkets,
            @ForAll @DoubleRange(min = 0.0, max = 0.3) double faultRate,
            @ForAll @IntRange(min = 1, max = 50) int snapshotEvery,
            @ForAll @IntRange(min = 50, max = 600) int messages)
            throws Exception {
        BookTrafficGenerator generator =
                new BookTrafficGenerator(seed, kalshiMarkets, polymarketMarkets, faultRate);
        // Every step is checked inside accept(): replica == job book at the same sequence.
        BookReplay replay = new BookReplay(1000, snapshotEvery);
        for (int i = 0; i < messages; i++) {
            replay.accept(generator.next());
        }
        List<GeneratedRecord> closing = generator.finish();
        for (GeneratedRecord r : closing) {
            replay.accept(r);
        }

        List<String> violations = new ArrayList<>();
        Map<String, BookReplica> rebuilt =
                BookRules.check(replay.snapshots, replay.deltas, violations);
        assertThat(violations).isEmpty();
        // Every venue message has exactly one disposition (catalog records are not book input).
        assertThat(replay.applied + replay.duplicates + replay.rejected + replay.catalog)
                .isEqualTo(messages + closing.size());

        // After the closing snapshots the rebuilt books are the venue's true books.
        Map<String, List<List<PriceLevel>>> truth = generator.trueBooks();
        assertThat(rebuilt.keySet()).containsExactlyInAnyOrderElementsOf(truth.keySet());
        for (Map.Entry<String, List<List<PriceLevel>>> e : truth.entrySet()) {
            BookReplica book = rebuilt.get(e.getKey());
            assertThat(book.hasBook()).as(e.getKey()).isTrue();
            assertThat(book.levels(BookSide.BID))
                    .as(e.getKey() + " bids")
                    .isEqualTo(e.getValue().get(0));
            assertThat(book.levels(BookSide.ASK))
                    .as(e.getKey() + " asks")
                    .isEqualTo(e.getValue().get(1));
        }
    }

    @org.junit.jupiter.api.Test
    void theGeneratorReallyInjectsEveryKindOfFault() throws Exception {
        BookTrafficGenerator generator = new BookTrafficGenerator(5L, 3, 3, 0.2);
        BookReplay replay = new BookReplay(1000, 20);
        for (int i = 0; i < 2000; i++) {
            replay.accept(generator.next());
        }
        assertThat(replay.duplicates).isPositive();
        assertThat(replay.rejected).isPositive();
        assertThat(replay.snapshots)
                .extracting(s -> s.getReason().name())
                .contains("INITIAL", "RESYNC", "PERIODIC");
        assertThat(replay.deltas)
                .anySatisfy(d -> assertThat(d.getHealth().name()).isEqualTo("RESYNCING"));
    }

    @Property(tries = 20)
    void sameInputGivesSameOutput(@ForAll long seed) throws Exception {
        List<Object> first = run(seed);
        List<Object> second = run(seed);
        assertThat(second).isEqualTo(first);
    }

    private static List<Object> run(long seed) throws Exception {
        BookTrafficGenerator generator = new BookTrafficGenerator(seed, 2, 2, 0.2);
        BookReplay replay = new BookReplay(1000, 7);
        for (int i = 0; i < 300; i++) {
            replay.accept(generator.next());
        }
        List<Object> out = new ArrayList<>(replay.snapshots);
        out.addAll(replay.deltas);
        return out;
    }
}
