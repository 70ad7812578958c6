package io.marketstreams.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketstreams.connectors.raw.RawFrame;
import io.marketstreams.schema.PriceLevel;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pins the simulator's output, byte for byte: the SHA-256 of every frame (venue, connection,
 * receive time, payload, in order) of a few seeded runs, the frames of {@code finish()}, the true
 * books, the stats and the clock. The digests were computed with the simulator before it was split
 * into classes of its own (issue 14); {@code bin/local-run} and many ITCases depend on it producing
 * the same frames, so a change of any digest is a change of behaviour, never a refactoring.
 */
class VenueSimulatorDigestTest {

    static List<Arguments> runs() {
        SimulatorOptions defaults = SimulatorOptions.defaults();
        return List.of(
                Arguments.of(
                        "defaults",
                        7L,
                        defaults,
                        5000,
                        "45edabbb4d6d21c25516272f72842e1c9c5c8464822243697b5377190515dc86"),
                Arguments.of(
                        "faults off",
                        11L,
                        defaults.withFaultRate(0),
                        4000,
                        "d5f57b9de2699fa6572dbe3d6418cab12d5de201f664a70a8034926ec89da846"),
                Arguments.of(
                        "many faults",
                        23L,
                        defaults.withFaultRate(0.08),
                        6000,
                        "e8fd0f64e353cf09a91660bdb812f0ddda6ee6fedb7ea68f600b24089c99a18e"),
                Arguments.of(
                        "lifecycle off, larger catalog",
                        5L,
                        defaults.withFaultRate(0.05).withLifecycle(false).withCatalog(4, 5),
                        4000,
                        "4f809a20188a2d2f978da2af6aa65edffe7494b28e082855843648a917915c9d"),
                Arguments.of(
                        "short lifecycle, everything resolves",
                        3L,
                        defaults.withLifecycleSteps(300).withResolveShare(1.0).withFaultRate(0.03),
                        3000,
                        "6dd6c80bc309d713e1485909bfa174a85522ea4d7ae4facc8ff0dd6fa765677c"),
                Arguments.of(
                        "one market per venue",
                        41L,
                        defaults.withCatalog(1, 1).withFaultRate(0.1),
                        3000,
                        "c352f8c21d359952f357b3261a4613c78df852cec11dc34f720f7be9bff5ff59"),
                Arguments.of(
                        "only Kalshi error replies weighted",
                        13L,
                        new SimulatorOptions(2, 2, 0.02, true, 500, 0, 0, 0, 1, 0.5),
                        2000,
                        "559677ec9305f929a426c3f4daaec07d2aff43b3a9d3e8001ea0fc2b56d2eb05"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runs")
    void theFramesOfASeededRunAreThoseOfTheUnsplitSimulator(
            String name, long seed, SimulatorOptions options, int frames, String expected) {
        assertThat(digest(seed, options, frames)).as(name).isEqualTo(expected);
    }

    /** The digest of a run: {@code frames} frames of {@code next()}, then everything after. */
    static String digest(long seed, SimulatorOptions options, int frames) {
        MessageDigest sha = sha256();
        VenueSimulator sim = new VenueSimulator(seed, options);
        for (int i = 0; i < frames; i++) {
            add(sha, sim.next());
        }
        add(sha, "clock " + sim.clockMs());
        List<RawFrame> rest = sim.finish();
        add(sha, "finish " + rest.size());
        rest.forEach(f -> add(sha, f));
        for (Map.Entry<String, List<List<PriceLevel>>> book : sim.trueBooks().entrySet()) {
            add(sha, book.getKey());
            for (List<PriceLevel> side : book.getValue()) {
                add(sha, "side " + side.size());
                for (PriceLevel level : side) {
                    add(sha, level.getPrice() + "@" + level.getQuantity());
                }
            }
        }
        add(sha, sim.stats().toString());
        add(sha, "clock " + sim.clockMs());
        return HexFormat.of().formatHex(sha.digest());
    }

    private static void add(MessageDigest sha, RawFrame frame) {
        add(sha, frame.venueId());
        add(sha, frame.connectionId());
        sha.update(ByteBuffer.allocate(Long.BYTES).putLong(frame.receiveTimeMs()).array());
        add(sha, frame.payload());
    }

    private static void add(MessageDigest sha, String text) {
        add(sha, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Length-prefixed, so that no two different sequences of fields hash alike. */
    private static void add(MessageDigest sha, byte[] bytes) {
        sha.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
        sha.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
