package io.marketstreams.connectors.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.marketstreams.connectors.raw.RawFrame;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Captures round-trip frames byte for byte, and bad lines say where they are. */
class CaptureFileTest {
    @TempDir Path dir;

    @Test
    void framesRoundTripByteForByteIncludingNonUtf8() {
        List<RawFrame> frames =
                List.of(
                        new RawFrame(
                                "kalshi",
                                "kalshi-1",
                                1_767_225_600_123L,
                                "{\"type\":\"ticker\", \"msg\": {\"x\":\"é\"}}"
                                        .getBytes(StandardCharsets.UTF_8)),
                        new RawFrame(
                                "polymarket", "polymarket-1", 5L, new byte[] {(byte) 0xff, 0, 1}));
        Path file = dir.resolve("capture.jsonl");
        CaptureFile.write(file, frames);

        assertThat(CaptureFile.readAll(file)).isEqualTo(frames);
    }

    @Test
    void aBadLineNamesItsFileAndLine() throws Exception {
        Path file = dir.resolve("bad.jsonl");
        Files.writeString(
                file,
                "# comment\n\n"
                    + "{\"venue\":\"kalshi\",\"connection\":\"c\",\"receive_time_ms\":1,\"frame\":\"{}\"}\n"
                    + "{\"venue\":\"kalshi\",\"receive_time_ms\":1,\"frame\":\"{}\"}\n");
        assertThatThrownBy(() -> CaptureFile.readAll(file))
                .hasMessageContaining("bad.jsonl:4")
                .hasMessageContaining("connection missing");
    }
}
