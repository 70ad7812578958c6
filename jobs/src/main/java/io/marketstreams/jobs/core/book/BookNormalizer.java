package io.marketstreams.jobs.core.book;

import io.marketstreams.connectors.venue.BookConvention;
import io.marketstreams.jobs.core.Rejection;
import io.marketstreams.schema.BookSide;
import io.marketstreams.schema.PriceLevel;
import io.marketstreams.schema.ReasonCode;
import io.marketstreams.schema.venue.BookDelta;
import io.marketstreams.schema.venue.BookSnapshot;
import io.marketstreams.schema.venue.Ladder;
import io.marketstreams.schema.venue.LevelUpdate;
import io.marketstreams.schema.venue.UpdateKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a venue's book payload into changes on canonical (market, outcome) books, following the
 * venue's {@link BookConvention}. Worked examples: {@code BookNormalizerTest} and docs/contract.md.
 */
public final class BookNormalizer {
    /** 1.000000 in micro-units. */
    public static final long ONE = 1_000_000L;

    private BookNormalizer() {}

    /** Result: the normalized book, or why the payload cannot be used. */
    public record Result(NormalizedBook book, Rejection rejection) {}

    /** Normalizes a venue snapshot. */
    public static Result snapshot(BookSnapshot snapshot, BookConvention convention) {
        Map<String, List<PriceLevel>[]> sides = new TreeMap<>();
        for (Ladder ladder : snapshot.getLadders()) {
            String outcome = ladder.getOutcomeId();
            if (convention == BookConvention.BIDS_ONLY_COMPLEMENT) {
                String other = complementOutcome(outcome);
                if (other == null || ladder.getSide() != BookSide.BID) {
                    return reject(
                            "bids-only venue sent a "
                                    + ladder.getSide()
                                    + " ladder for outcome "
                                    + outcome);
                }
                sidesOf(sides, outcome)[0].addAll(ladder.getLevels());
                List<PriceLevel> asks = sidesOf(sides, other)[1];
                for (PriceLevel level : ladder.getLevels()) {
                    asks.add(new PriceLevel(ONE - level.getPrice(), level.getQuantity()));
                }
            } else {
                sidesOf(sides, outcome)[ladder.getSide() == BookSide.BID ? 0 : 1].addAll(
                        ladder.getLevels());
            }
        }
        Map<String, NormalizedBook.BookLevels> books = new TreeMap<>();
        for (Map.Entry<String, List<PriceLevel>[]> e : sides.entrySet()) {
            List<PriceLevel> bids = new ArrayList<>(e.getValue()[0]);
            List<PriceLevel> asks = new ArrayList<>(e.getValue()[1]);
            bids.sort(Comparator.comparingLong(PriceLevel::getPrice).reversed());
            asks.sort(Comparator.comparingLong(PriceLevel::getPrice));
            for (List<PriceLevel> side : List.of(bids, asks)) {
                for (int i = 1; i < side.size(); i++) {
                    if (side.get(i).getPrice() == side.get(i - 1).getPrice()) {
                        return reject(
                                "snapshot of "
                                        + e.getKey()
                                        + " lists price "
                                        + side.get(i).getPrice()
                                        + " twice");
                    }
                }
            }
            books.put(
                    e.getKey(),
                    new NormalizedBook.BookLevels(
                            prices(bids), quantities(bids), prices(asks), quantities(asks)));
        }
        return new Result(new NormalizedBook(true, books, List.of()), null);
    }

    /** Normalizes a venue delta. */
    public static Result delta(BookDelta delta, BookConvention convention) {
        List<LevelChange> changes = new ArrayList<>();
        for (LevelUpdate update : delta.getChanges()) {
            boolean absolute = update.getKind() == UpdateKind.ABSOLUTE;
            changes.add(
                    new LevelChange(
                            update.getOutcomeId(),
                            update.getSide(),
                            update.getPrice(),
                            update.getQuantity(),
                            absolute));
            if (convention == BookConvention.BIDS_ONLY_COMPLEMENT) {
                String other = complementOutcome(update.getOutcomeId());
                if (other == null || update.getSide() != BookSide.BID) {
                    return reject(
                            "bids-only venue sent a "
                                    + update.getSide()
                                    + " change for outcome "
                                    + update.getOutcomeId());
                }
                changes.add(
                        new LevelChange(
                                other,
                                BookSide.ASK,
                                ONE - update.getPrice(),
                                update.getQuantity(),
                                absolute));
            }
        }
        if (changes.isEmpty()) {
            return reject("book delta without changes");
        }
        return new Result(new NormalizedBook(false, Map.of(), changes), null);
    }

    private static String complementOutcome(String outcome) {
        switch (outcome) {
            case "YES":
                return "NO";
            case "NO":
                return "YES";
            default:
                return null;
        }
    }

    @SuppressWarnings("unchecked")
    private static List<PriceLevel>[] sidesOf(Map<String, List<PriceLevel>[]> sides, String o) {
        return sides.computeIfAbsent(o, k -> new List[] {new ArrayList<>(), new ArrayList<>()});
    }

    private static long[] prices(List<PriceLevel> levels) {
        return levels.stream().mapToLong(PriceLevel::getPrice).toArray();
    }

    private static long[] quantities(List<PriceLevel> levels) {
        return levels.stream().mapToLong(PriceLevel::getQuantity).toArray();
    }

    private static Result reject(String detail) {
        return new Result(null, new Rejection(ReasonCode.MALFORMED, detail));
    }
}
