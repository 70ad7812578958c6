package io.marketstreams.bench;

import io.marketstreams.jobs.core.book.BookCursor;
import io.marketstreams.jobs.core.book.BookState;
import io.marketstreams.jobs.core.book.MarketBookSet;
import io.marketstreams.schema.BookHealth;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * A hand-written compact binary form of a {@link MarketBookSet}, measured against Flink's POJO form
 * by {@link StateLayoutBenchmark}: prices delta-encoded from the best level and quantities as
 * varints make a book about a third of the POJO bytes. It was not faster on RocksDB at realistic
 * depth (docs/performance.md), so the job keeps the POJO form, which Flink evolves with the schema
 * for free.
 *
 * <p>Format, version 1 (every later version must still read version 1 — state in savepoints):
 *
 * <pre>
 * byte     version = 1
 * byte     cursor present (0/1); if 1: string venue_stream_id, zigzag-varlong last_venue_sequence
 * varint   number of books; per book, ordered by outcome id:
 *   string   outcome id
 *   varlong  sequence
 *   byte     health ordinal (LIVE, RESYNCING, CLOSED)
 *   varint   deltas since snapshot
 *   zigzag   snapshot venue time
 *   8 bytes  checksum (big-endian)
 *   side × 2 (bids, then asks): varint n; first price as varlong, then n−1 varlong distances to
 *            the previous (worse) price; n varlong quantities
 * string = varint UTF-8 length + bytes
 * </pre>
 */
final class MarketBookSetCodec {
    static final byte VERSION = 1;

    private MarketBookSetCodec() {}

    /** Encodes a market's books. */
    static byte[] encode(MarketBookSet set) {
        Writer w = new Writer();
        w.bytes[w.pos++] = VERSION;
        if (set.cursor == null) {
            w.put((byte) 0);
        } else {
            w.put((byte) 1);
            w.string(set.cursor.venueStreamId == null ? "" : set.cursor.venueStreamId);
            w.varlong(zigzag(set.cursor.lastVenueSequence));
        }
        TreeMap<String, BookState> books = new TreeMap<>(set.books);
        w.varlong(books.size());
        for (Map.Entry<String, BookState> e : books.entrySet()) {
            BookState b = e.getValue();
            w.string(e.getKey());
            w.varlong(b.sequence);
            w.put((byte) b.health.ordinal());
            w.varlong(b.deltasSinceSnapshot);
            w.varlong(zigzag(b.snapshotVenueTime));
            w.fixed64(b.checksum);
            side(w, b.bidPrices, b.bidQty, true);
            side(w, b.askPrices, b.askQty, false);
        }
        return Arrays.copyOf(w.bytes, w.pos);
    }

    /** Decodes what {@link #encode} wrote. */
    static MarketBookSet decode(byte[] bytes) {
        Reader r = new Reader(bytes);
        byte version = r.get();
        if (version != VERSION) {
            throw new IllegalStateException("unknown MarketBookSet state version " + version);
        }
        MarketBookSet set = new MarketBookSet();
        if (r.get() == 1) {
            set.cursor = new BookCursor();
            set.cursor.venueStreamId = r.string();
            set.cursor.lastVenueSequence = unzigzag(r.varlong());
        }
        int n = (int) r.varlong();
        BookHealth[] health = BookHealth.values();
        for (int i = 0; i < n; i++) {
            String outcome = r.string();
            BookState b = new BookState();
            b.sequence = r.varlong();
            b.health = health[r.get()];
            b.deltasSinceSnapshot = (int) r.varlong();
            b.snapshotVenueTime = unzigzag(r.varlong());
            b.checksum = r.fixed64();
            long[][] bids = side(r, true);
            long[][] asks = side(r, false);
            b.bidPrices = bids[0];
            b.bidQty = bids[1];
            b.askPrices = asks[0];
            b.askQty = asks[1];
            set.books.put(outcome, b);
        }
        if (r.pos != bytes.length) {
            throw new IllegalStateException("trailing bytes in MarketBookSet state");
        }
        return set;
    }

    private static void side(Writer w, long[] prices, long[] qty, boolean descending) {
        w.varlong(prices.length);
        for (int i = 0; i < prices.length; i++) {
            long value =
                    i == 0
                            ? prices[0]
                            : descending ? prices[i - 1] - prices[i] : prices[i] - prices[i - 1];
            w.varlong(value);
        }
        for (long q : qty) {
            w.varlong(q);
        }
    }

    private static long[][] side(Reader r, boolean descending) {
        int n = (int) r.varlong();
        long[] prices = new long[n];
        long[] qty = new long[n];
        for (int i = 0; i < n; i++) {
            long v = r.varlong();
            prices[i] = i == 0 ? v : descending ? prices[i - 1] - v : prices[i - 1] + v;
        }
        for (int i = 0; i < n; i++) {
            qty[i] = r.varlong();
        }
        return new long[][] {prices, qty};
    }

    private static long zigzag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    private static long unzigzag(long v) {
        return (v >>> 1) ^ -(v & 1);
    }

    private static final class Writer {
        byte[] bytes = new byte[256];
        int pos;

        void ensure(int more) {
            if (pos + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, pos + more));
            }
        }

        void put(byte b) {
            ensure(1);
            bytes[pos++] = b;
        }

        void varlong(long v) {
            ensure(10);
            while ((v & ~0x7FL) != 0) {
                bytes[pos++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            bytes[pos++] = (byte) v;
        }

        void fixed64(long v) {
            ensure(8);
            for (int shift = 56; shift >= 0; shift -= 8) {
                bytes[pos++] = (byte) (v >>> shift);
            }
        }

        void string(String s) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            varlong(utf8.length);
            ensure(utf8.length);
            System.arraycopy(utf8, 0, bytes, pos, utf8.length);
            pos += utf8.length;
        }
    }

    private static final class Reader {
        final byte[] bytes;
        int pos;

        Reader(byte[] bytes) {
            this.bytes = bytes;
        }

        byte get() {
            return bytes[pos++];
        }

        long varlong() {
            long result = 0;
            int shift = 0;
            while (true) {
                byte b = bytes[pos++];
                result |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return result;
                }
                shift += 7;
            }
        }

        long fixed64() {
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (bytes[pos++] & 0xFF);
            }
            return v;
        }

        String string() {
            int n = (int) varlong();
            String s = new String(bytes, pos, n, StandardCharsets.UTF_8);
            pos += n;
            return s;
        }
    }
}
