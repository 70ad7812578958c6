package io.marketstreams.harness;

import io.marketstreams.connectors.capture.CaptureFile;
import io.marketstreams.connectors.kalshi.KalshiFrames;
import io.marketstreams.connectors.polymarket.PolymarketFrames;
import io.marketstreams.connectors.raw.InputLimits;
import io.marketstreams.connectors.raw.ParsedFrame;
import io.marketstreams.connectors.raw.RawFrame;
import io.marketstreams.connectors.venue.Venues;
import io.marketstreams.schema.PriceLevel;
import io.marketstreams.schema.ReasonCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The bad-input corpus of {@code src/test/resources/corpus} (docs/contract.md, "Input limits"): one
 * capture per class of bad or odd input and {@code manifest.tsv}, the expected disposition of each
 * of its frames. The classes whose frames are too large to keep in the repository are made here.
 */
final class BadInputCorpus {
    /** The receive time of the generated frames: after every stored class. */
    private static final long GENERATED_TIME = 1_767_225_600_000L + 100 * 3_600_000L;

    /** What becomes of one frame (the manifest's notation). */
    record Disposition(String token) {
        static final String RAW = "raw-frames";

        /**
         * The notation of a quarantine: {@code stage:REASON}, with {@code /limit} for a {@code
         * MALFORMED} frame beyond an input limit (its detail starts {@value InputLimits#EXCEEDED}).
         */
        static String of(String stage, ReasonCode reason, String detail) {
            return stage + ":" + reason + (detail.startsWith(InputLimits.EXCEEDED) ? "/limit" : "");
        }

        /** Quarantined by the raw-frames stage. */
        boolean rawQuarantine() {
            return token.startsWith(RAW + ":");
        }

        /** Quarantined by a later stage (its records were parsed). */
        boolean laterQuarantine() {
            return token.contains(":") && !rawQuarantine();
        }

        /** The quarantine record's {@code stage:REASON}, or null when it is not quarantined. */
        String quarantine() {
            return token.contains(":") ? token : null;
        }

        /** Whether the frame parses into messages (as opposed to ignored or refused). */
        boolean parses() {
            return !rawQuarantine() && !token.equals("ignored");
        }
    }

    /** One frame with its expected disposition. */
    record Frame(RawFrame frame, Disposition expected) {}

    /** One class of the corpus. */
    record Class(String name, String description, List<Frame> frames) {}

    private BadInputCorpus() {}

    /** The stored classes, then the generated ones, in manifest order. */
    static List<Class> classes(int hugeFrameBytes) {
        List<Class> classes = new ArrayList<>();
        for (String line : lines(directory().resolve("manifest.tsv"))) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cols = line.split("\t");
            List<Disposition> expected =
                    Arrays.stream(cols[1].split(",")).map(Disposition::new).toList();
            List<RawFrame> frames =
                    cols[2].startsWith("generated")
                            ? List.of(generated(cols[0], hugeFrameBytes))
                            : CaptureFile.readAll(directory().resolve(cols[0] + ".jsonl"));
            if (frames.size() != expected.size()) {
                throw new IllegalStateException(
                        cols[0]
                                + ": "
                                + frames.size()
                                + " frames, "
                                + expected.size()
                                + " expected");
            }
            List<Frame> paired = new ArrayList<>();
            for (int i = 0; i < frames.size(); i++) {
                paired.add(new Frame(frames.get(i), expected.get(i)));
            }
            classes.add(new Class(cols[0], cols[2], paired));
        }
        return classes;
    }

    /** Every frame of every class, in order. */
    static List<Frame> frames(List<Class> classes) {
        return classes.stream().flatMap(c -> c.frames().stream()).toList();
    }

    /** The capture files of the corpus directory. */
    static List<String> files() {
        try (var files = Files.list(directory())) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".jsonl"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The number of messages the registered venue's parser makes of a frame. */
    static int messages(RawFrame frame) {
        ParsedFrame parsed = Venues.require(frame.venueId()).parser().parse(frame);
        return parsed instanceof ParsedFrame.Messages m ? m.messages().size() : 0;
    }

    private static RawFrame generated(String name, int hugeFrameBytes) {
        switch (name) {
            case "huge-frame" -> {
                byte[] payload = new byte[hugeFrameBytes];
                Arrays.fill(payload, (byte) ' ');
                byte[] start =
                        "{\"type\":\"orderbook_snapshot\",\"msg\":"
                                .getBytes(StandardCharsets.UTF_8);
                System.arraycopy(start, 0, payload, 0, start.length);
                return new RawFrame("kalshi", "kalshi-huge", GENERATED_TIME, payload);
            }
            case "hundred-thousand-levels" -> {
                List<KalshiFrames.Level> levels = new ArrayList<>(100_000);
                for (int i = 0; i < 100_000; i++) {
                    levels.add(new KalshiFrames.Level((i % 9999 + 1) * 100L, 1_000_000L));
                }
                return new RawFrame(
                        "kalshi",
                        "kalshi-levels",
                        GENERATED_TIME + 100,
                        KalshiFrames.orderbookSnapshot(1, 1, "KXLEVELS-A", levels, List.of()));
            }
            case "huge-text" -> {
                return new RawFrame(
                        "kalshi",
                        "kalshi-rest-text",
                        GENERATED_TIME + 300,
                        KalshiFrames.restEvent(
                                new KalshiFrames.Event(
                                        "KXTEXT",
                                        "KXTEXT",
                                        "Long text?",
                                        null,
                                        "Climate",
                                        false,
                                        null,
                                        List.of(
                                                KalshiFrames.Market.of(
                                                        "KXTEXT-A",
                                                        "KXTEXT",
                                                        "T".repeat(70_000),
                                                        "active")))));
            }
            case "hundred-kilobyte-id" -> {
                return PolymarketFrames.frame(
                        "polymarket-id",
                        GENERATED_TIME + 200,
                        PolymarketFrames.book(
                                new PolymarketFrames.Book(
                                        "0x" + "f".repeat(100 * 1024),
                                        "4".repeat(70),
                                        GENERATED_TIME,
                                        List.of(new PriceLevel(480_000L, 1_000_000L)),
                                        List.of(new PriceLevel(520_000L, 1_000_000L)))));
            }
            default -> throw new IllegalStateException("no generator for class " + name);
        }
    }

    private static Path directory() {
        try {
            return Path.of(BadInputCorpus.class.getResource("/corpus/manifest.tsv").toURI())
                    .getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
