package io.marketstreams.harness;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketstreams.connectors.raw.ParsedFrame;
import io.marketstreams.connectors.venue.Venues;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The bad-input corpus against the venue parsers alone, within the default limits: every frame the
 * manifest says the raw stage refuses is refused with that reason, every ignored frame is ignored,
 * every other frame parses; the huge frame is 20 MiB here. The whole raw path is {@link
 * BadInputCorpusKafkaITCase}.
 */
class BadInputCorpusTest {
    private static final int TWENTY_MEGABYTES = 20 << 20;

    private final List<BadInputCorpus.Class> classes = BadInputCorpus.classes(TWENTY_MEGABYTES);

    @Test
    void theCorpusHasAtLeastThirtyClassesEachWithItsCaptureAndExpectations() {
        assertThat(classes).hasSizeGreaterThanOrEqualTo(30);
        assertThat(classes).allSatisfy(c -> assertThat(c.frames()).isNotEmpty());
        List<String> stored =
                classes.stream()
                        .filter(c -> !c.description().startsWith("generated"))
                        .map(c -> c.name() + ".jsonl")
                        .sorted()
                        .toList();
        assertThat(BadInputCorpus.files()).as("every capture is in the manifest").isEqualTo(stored);
    }

    @Test
    void everyFrameIsParsedIgnoredOrRefusedAsTheManifestSays() {
        List<String> mismatches = new ArrayList<>();
        for (BadInputCorpus.Class c : classes) {
            for (int i = 0; i < c.frames().size(); i++) {
                BadInputCorpus.Frame f = c.frames().get(i);
                ParsedFrame parsed = Venues.require(f.frame().venueId()).parser().parse(f.frame());
                String actual = describe(parsed);
                String expected = expectedAtParser(f.expected());
                if (!actual.equals(expected)) {
                    mismatches.add(
                            c.name()
                                    + " frame "
                                    + i
                                    + ": expected "
                                    + expected
                                    + ", got "
                                    + actual
                                    + " "
                                    + parsed);
                }
                if (parsed instanceof ParsedFrame.Rejected r) {
                    assertThat(r.detail().length()).as(c.name()).isLessThan(300);
                }
            }
        }
        assertThat(mismatches).isEmpty();
    }

    private static String expectedAtParser(BadInputCorpus.Disposition d) {
        if (d.rawQuarantine()) {
            return d.token();
        }
        return d.token().equals("ignored") ? "ignored" : "messages";
    }

    private static String describe(ParsedFrame parsed) {
        if (parsed instanceof ParsedFrame.Rejected r) {
            return BadInputCorpus.Disposition.of(
                    BadInputCorpus.Disposition.RAW, r.reason(), r.detail());
        }
        return parsed instanceof ParsedFrame.Ignored ? "ignored" : "messages";
    }
}
