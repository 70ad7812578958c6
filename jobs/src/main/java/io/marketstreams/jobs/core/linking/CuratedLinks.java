package io.marketstreams.jobs.core.linking;

import io.marketstreams.jobs.core.MarketIds;
import io.marketstreams.schema.LinkChange;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The curated link table, loaded from a CSV file that people edit (format in docs/linking.md).
 * Every link it produces has provenance {@code CURATED}. A row either adds a link or removes one
 * ({@code action} column); a removal carries a revision above the add it withdraws, so that a
 * replayed older add cannot resurrect the link. The whole file is rejected on the first bad row,
 * with {@code file:line}, because a half-loaded link table would silently split events.
 *
 * @param eventEntries event rows in file order
 * @param marketEntries market rows in file order
 */
public record CuratedLinks(List<EventEntry> eventEntries, List<MarketEntry> marketEntries) {

    /** Column names; {@code kind}, {@code venue_a} and {@code id_a} are required. */
    static final List<String> COLUMNS =
            List.of(
                    "kind",
                    "venue_a",
                    "id_a",
                    "venue_b",
                    "id_b",
                    "relation",
                    "confidence",
                    "revision",
                    "action",
                    "note");

    /**
     * One event row of the file.
     *
     * @param link the event link the row names
     * @param removed true for {@code action=remove}: the link is withdrawn
     * @param note the row's {@code note}, or null
     * @param line 1-based line of the row in the file
     */
    public record EventEntry(EventLink link, boolean removed, String note, int line) {
        /** The {@code links} topic record of this row. */
        public LinkChange change(long effectiveTime) {
            return LinkChanges.of(link, removed, note, effectiveTime);
        }
    }

    /**
     * One market row of the file.
     *
     * @param relation the market relation the row names
     * @param removed true for {@code action=remove}: the relation is withdrawn
     * @param note the row's {@code note}, or null
     * @param line 1-based line of the row in the file
     */
    public record MarketEntry(MarketRelation relation, boolean removed, String note, int line) {
        /** The {@code links} topic record of this row. */
        public LinkChange change(long effectiveTime) {
            return LinkChanges.of(relation, removed, note, effectiveTime);
        }
    }

    /** Copies the lists so the table is immutable. */
    public CuratedLinks {
        eventEntries = List.copyOf(eventEntries);
        marketEntries = List.copyOf(marketEntries);
    }

    /** The event links the file adds, in file order (removals left out). */
    public List<EventLink> eventLinks() {
        return eventEntries.stream().filter(e -> !e.removed()).map(EventEntry::link).toList();
    }

    /** The market relations the file adds, in file order (removals left out). */
    public List<MarketRelation> marketRelations() {
        return marketEntries.stream().filter(e -> !e.removed()).map(MarketEntry::relation).toList();
    }

    /** Number of rows that remove a link or relation. */
    public int removals() {
        return (int)
                (eventEntries.stream().filter(EventEntry::removed).count()
                        + marketEntries.stream().filter(MarketEntry::removed).count());
    }

    /**
     * Every row as a {@code links} topic record, in file order.
     *
     * @param effectiveTime event time at which the changes apply, epoch milliseconds UTC
     */
    public List<LinkChange> changes(long effectiveTime) {
        TreeMap<Integer, LinkChange> byLine = new TreeMap<>();
        for (EventEntry e : eventEntries) {
            byLine.put(e.line(), e.change(effectiveTime));
        }
        for (MarketEntry e : marketEntries) {
            byLine.put(e.line(), e.change(effectiveTime));
        }
        return List.copyOf(byLine.values());
    }

    /** Loads a UTF-8 link file; errors name the file's path. */
    public static CuratedLinks load(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(file.toString(), reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses link CSV text; {@code source} names it in error messages. */
    public static CuratedLinks parse(String source, String text) {
        return parse(source, new StringReader(text));
    }

    /** Parses link CSV from a reader; {@code source} names it in error messages. */
    public static CuratedLinks parse(String source, Reader reader) {
        BufferedReader lines = new BufferedReader(reader);
        Map<String, Integer> header = null;
        List<EventEntry> events = new ArrayList<>();
        List<MarketEntry> markets = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        int number = 0;
        try {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                number++;
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                List<String> cells = split(source, number, line);
                if (header == null) {
                    header = header(source, number, cells);
                    continue;
                }
                if (cells.size() > header.size()) {
                    throw new LinkFileException(
                            source,
                            number,
                            cells.size() + " cells but the header has " + header.size());
                }
                Row row = new Row(source, number, header, cells);
                boolean removed = row.removed();
                String note = row.optional("note");
                String identity;
                switch (row.required("kind").toLowerCase(Locale.ROOT)) {
                    case "event" -> {
                        EventLink link = eventLink(row, removed);
                        identity = link.identity();
                        events.add(new EventEntry(link, removed, note, number));
                    }
                    case "market" -> {
                        MarketRelation relation = marketRelation(row, removed);
                        identity = relation.identity();
                        markets.add(new MarketEntry(relation, removed, note, number));
                    }
                    default ->
                            throw row.error(
                                    "kind must be event or market: " + row.optional("kind"));
                }
                Integer previous = seen.putIfAbsent(identity, number);
                if (previous != null) {
                    // Two rows for one link (an add and a removal too) would make the result
                    // depend on row order.
                    throw row.error("duplicate link, first given at line " + previous);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (header == null) {
            throw new LinkFileException(source, Math.max(number, 1), "no header row");
        }
        return new CuratedLinks(events, markets);
    }

    private static EventLink eventLink(Row row, boolean removed) {
        String venueA = row.required("venue_a");
        String idA = row.required("id_a");
        String venueB = row.optional("venue_b");
        String idB = row.optional("id_b");
        if (row.optional("relation") != null) {
            throw row.error("relation is for market rows only");
        }
        int confidence = row.confidence();
        int revision = row.revision(removed);
        if (venueB == null && idB == null) {
            // A pin: the venue event stands alone, and no rule may link it.
            return new EventLink(
                    venueA,
                    idA,
                    MarketIds.eventId(venueA, idA),
                    confidence,
                    Provenance.CURATED,
                    revision);
        }
        if (venueB == null || idB == null) {
            throw row.error("venue_b and id_b must both be given, or both be empty");
        }
        return new EventLink(
                venueB,
                idB,
                MarketIds.eventId(venueA, idA),
                confidence,
                Provenance.CURATED,
                revision);
    }

    private static MarketRelation marketRelation(Row row, boolean removed) {
        String a = MarketIds.marketId(row.required("venue_a"), row.required("id_a"));
        String b = MarketIds.marketId(row.required("venue_b"), row.required("id_b"));
        if (a.equals(b)) {
            throw row.error("a market cannot relate to itself");
        }
        String text = row.required("relation").toUpperCase(Locale.ROOT);
        Relation relation;
        try {
            relation = Relation.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw row.error("relation must be SAME or COMPLEMENT: " + text);
        }
        return new MarketRelation(
                a, b, relation, row.confidence(), Provenance.CURATED, row.revision(removed));
    }

    private static Map<String, Integer> header(String source, int number, List<String> cells) {
        Map<String, Integer> header = new HashMap<>();
        for (int i = 0; i < cells.size(); i++) {
            String name = cells.get(i).strip().toLowerCase(Locale.ROOT);
            if (!COLUMNS.contains(name)) {
                throw new LinkFileException(
                        source, number, "unknown column '" + name + "'; known: " + COLUMNS);
            }
            if (header.put(name, i) != null) {
                throw new LinkFileException(source, number, "column '" + name + "' twice");
            }
        }
        for (String required : List.of("kind", "venue_a", "id_a")) {
            if (!header.containsKey(required)) {
                throw new LinkFileException(
                        source, number, "header lacks required column '" + required + "'");
            }
        }
        return header;
    }

    /**
     * Splits one CSV line; a cell that starts with a double quote runs to the closing quote and may
     * hold commas, and "" inside it is a quote.
     */
    private static List<String> split(String source, int number, String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"' && cell.isEmpty()) {
                // Only a quote that opens a cell quotes it; elsewhere it is text, so a note like
                // poly asks "will the Fed cut" reads as written.
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        if (quoted) {
            throw new LinkFileException(source, number, "unterminated quote");
        }
        cells.add(cell.toString());
        return cells;
    }

    /** One data row, read by column name. */
    private record Row(String source, int line, Map<String, Integer> header, List<String> cells) {

        String optional(String column) {
            Integer index = header.get(column);
            if (index == null || index >= cells.size()) {
                return null;
            }
            String value = cells.get(index).strip();
            return value.isEmpty() ? null : value;
        }

        String required(String column) {
            String value = optional(column);
            if (value == null) {
                throw error("missing " + column);
            }
            return value;
        }

        int confidence() {
            String text = optional("confidence");
            if (text == null) {
                return Confidence.MAX;
            }
            int value = integer("confidence", text);
            if (value < 0 || value > Confidence.MAX) {
                throw error("confidence must be 0..10000 basis points: " + text);
            }
            return value;
        }

        boolean removed() {
            String text = optional("action");
            if (text == null) {
                return false;
            }
            return switch (text.toLowerCase(Locale.ROOT)) {
                case "add" -> false;
                case "remove" -> true;
                default -> throw error("action must be add or remove: " + text);
            };
        }

        int revision(boolean removed) {
            String text = optional("revision");
            if (text == null) {
                if (removed) {
                    // A removal at the default revision 1 could never outrank the add it withdraws.
                    throw error("a removal needs a revision above the add it withdraws (>= 2)");
                }
                return 1;
            }
            int value = integer("revision", text);
            if (value < 1) {
                throw error("revision must be >= 1: " + text);
            }
            if (removed && value < 2) {
                throw error("a removal needs a revision above the add it withdraws (>= 2)");
            }
            return value;
        }

        private int integer(String column, String text) {
            try {
                return Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw error(column + " is not an integer: " + text);
            }
        }

        LinkFileException error(String problem) {
            return new LinkFileException(source, line, problem);
        }
    }
}
