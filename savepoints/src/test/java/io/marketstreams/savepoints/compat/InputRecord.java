package io.marketstreams.savepoints.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * One input record of a compatibility fixture, exactly as it was written to Kafka: the stream (the
 * topic without its namespace), key, value, headers and timestamp (null: the producer's clock).
 * Stored one JSON object per line, bytes in base64, so that a later version of the code writes the
 * very same bytes at the very same offsets, whatever its simulator or parsers have become.
 */
record InputRecord(String stream, byte[] key, byte[] value, List<Header> headers, Long timestamp) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads a file written by {@link #write}. */
    static List<InputRecord> read(Path file) {
        List<InputRecord> records = new ArrayList<>();
        try {
            for (String line : lines(file)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = JSON.readTree(line);
                List<Header> headers = new ArrayList<>();
                for (JsonNode h : n.get("headers")) {
                    headers.add(new RecordHeader(h.get(0).asText(), bytes(h.get(1))));
                }
                records.add(
                        new InputRecord(
                                n.get("stream").asText(),
                                bytes(n.get("key")),
                                bytes(n.get("value")),
                                headers,
                                n.hasNonNull("timestamp") ? n.get("timestamp").asLong() : null));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return records;
    }

    /** Writes records one JSON object per line, gzipped. */
    static void write(Path file, List<InputRecord> records) {
        try (BufferedWriter out =
                new BufferedWriter(
                        new OutputStreamWriter(
                                new GZIPOutputStream(Files.newOutputStream(file)),
                                StandardCharsets.UTF_8))) {
            for (InputRecord r : records) {
                ObjectNode n = JSON.createObjectNode();
                n.put("stream", r.stream());
                if (r.timestamp() != null) {
                    n.put("timestamp", r.timestamp());
                }
                n.put("key", Base64.getEncoder().encodeToString(r.key()));
                n.put("value", Base64.getEncoder().encodeToString(r.value()));
                ArrayNode headers = n.putArray("headers");
                for (Header h : r.headers()) {
                    headers.addArray()
                            .add(h.key())
                            .add(Base64.getEncoder().encodeToString(h.value()));
                }
                out.write(JSON.writeValueAsString(n));
                out.newLine();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> lines(Path file) throws IOException {
        try (BufferedReader in =
                new BufferedReader(
                        new InputStreamReader(
                                new GZIPInputStream(Files.newInputStream(file)),
                                StandardCharsets.UTF_8))) {
            return in.lines().toList();
        }
    }

    private static byte[] bytes(JsonNode n) {
        return Base64.getDecoder().decode(n.asText());
    }

    /** Topic of the record in a namespace. */
    String topic(String namespace) {
        return namespace.isEmpty() ? stream : namespace + "." + stream;
    }

    @Override
    public String toString() {
        return stream + "@" + timestamp + " " + new String(key, StandardCharsets.UTF_8);
    }
}
