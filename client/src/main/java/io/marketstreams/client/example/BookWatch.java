package io.marketstreams.client.example;

import io.marketstreams.client.BookFeed;
import io.marketstreams.client.BookReplica;
import io.marketstreams.schema.PriceLevel;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runnable example: follows the order books on a cluster and prints the top of book of every book
 * every few seconds, with any gap or checksum mismatch as it happens.
 *
 * <pre>java -cp ... io.marketstreams.client.example.BookWatch localhost:9092 [namespace]</pre>
 */
public final class BookWatch {
    private BookWatch() {}

    public static void main(String[] args) {
        String bootstrap = args.length > 0 ? args[0] : "localhost:9092";
        String namespace = args.length > 1 ? args[1] : "";
        BookFeed.Listener listener =
                (book, status, sequence, snapshot) -> {
                    if (status == BookReplica.Status.GAP || status == BookReplica.Status.MISMATCH) {
                        System.out.println(book.key() + " " + status + " at " + sequence);
                    }
                };
        try (BookFeed feed = new BookFeed(bootstrap, namespace, listener)) {
            long next = System.nanoTime();
            while (!Thread.currentThread().isInterrupted()) {
                feed.poll(Duration.ofMillis(500));
                if (System.nanoTime() >= next) {
                    print(feed.books());
                    next = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                }
            }
        }
    }

    private static void print(Map<String, BookReplica> books) {
        for (Map.Entry<String, BookReplica> e : new TreeMap<>(books).entrySet()) {
            BookReplica b = e.getValue();
            System.out.printf(
                    "%-40s seq %8d %-9s bid %s ask %s mid %s%n",
                    e.getKey(),
                    b.sequence(),
                    b.health(),
                    format(b.bestBid()),
                    format(b.bestAsk()),
                    b.mid());
        }
    }

    private static String format(PriceLevel level) {
        return level == null
                ? "-"
                : String.format(
                        "%d.%06d x %d",
                        level.getPrice() / 1_000_000,
                        level.getPrice() % 1_000_000,
                        level.getQuantity() / 1_000_000);
    }
}
