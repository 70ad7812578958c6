package io.marketstreams.connectors.capture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketstreams.connectors.raw.RawFrame;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;

/**
 * A capture of native venue frames as JSON Lines, the format users bring their own recorded data
 * in: one frame per line,
 *
 * <pre>
 * {"venue":"kalshi","connection":"kalshi-1","receive_time_ms":1767225600123,"frame":"{\"type\":\"orderbook_delta\",...}"}
 * </pre>
 *
 * where {@code frame} is the frame's text exactly as received (a JSON string, so its bytes survive
 * unchanged), or {@code frame_base64} for frames that are not UTF-8 text. Blank lines and lines
 * starting with {@code #} are skipped.
 */
public final class CaptureFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CaptureFile() {}

    /** One line of a capture that could not be read. */
    public static final class CaptureFormatException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CaptureFormatException(Path file, long line, String problem) {
            super(file + ":" + line + ": " + problem);
        }
    }

    /** Reads every frame of a capture, in file order, handing each to {@code sink}. */
    public static long read(Path file, Consumer<RawFrame> sink) {
        long count = 0;
        long lineNumber = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                sink.accept(parse(file, lineNumber, line));
                count++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return count;
    }

    /** Reads a whole capture into memory. */
    public static List<RawFrame> readAll(Path file) {
        List<RawFrame> frames = new ArrayList<>();
        read(file, frames::add);
        return frames;
    }

    private static RawFrame parse(Path file, long lineNumber, String line) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (IOException e) {
            throw new CaptureFormatException(file, lineNumber, "not JSON: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw new CaptureFormatException(file, lineNumber, "not a JSON object");
        }
        String venue = text(node, "venue", file, lineNumber);
        String connection = text(node, "connection", file, lineNumber);
        JsonNode time = node.get("receive_time_ms");
        if (time == null || !time.canConvertToExactIntegral()) {
            throw new CaptureFormatException(file, lineNumber, "receive_time_ms missing");
        }
        byte[] payload;
        if (node.hasNonNull("frame")) {
            payload = node.get("frame").asText().getBytes(StandardCharsets.UTF_8);
        } else if (node.hasNonNull("frame_base64")) {
            payload = Base64.getDecoder().decode(node.get("frame_base64").asText());
        } else {
            throw new CaptureFormatException(file, lineNumber, "frame or frame_base64 missing");
        }
        return new RawFrame(venue, connection, time.asLong(), payload);
    }

    private static String text(JsonNode node, String field, Path file, long lineNumber) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw new CaptureFormatException(file, lineNumber, field + " missing");
        }
        return value.asText();
    }

    /** Writes frames as a capture (the simulator and tests use it). */
    public static void write(Path file, Iterable<RawFrame> frames) {
        try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (RawFrame frame : frames) {
                writer.write(line(frame));
                writer.newLine();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One capture line of a frame. */
    public static String line(RawFrame frame) {
        ObjectNode node = JSON.createObjectNode();
        node.put("venue", frame.venueId());
        node.put("connection", frame.connectionId());
        node.put("receive_time_ms", frame.receiveTimeMs());
        String text = new String(frame.payload(), StandardCharsets.UTF_8);
        if (java.util.Arrays.equals(text.getBytes(StandardCharsets.UTF_8), frame.payload())) {
            node.put("frame", text);
        } else {
            node.put("frame_base64", Base64.getEncoder().encodeToString(frame.payload()));
        }
        try {
            return JSON.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
