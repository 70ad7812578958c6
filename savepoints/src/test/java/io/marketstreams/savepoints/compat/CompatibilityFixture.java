package io.marketstreams.savepoints.compat;

import io.marketstreams.schema.StreamTopic;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * A savepoint of an earlier version of the canonical job, shipped with everything needed to prove
 * that the current job restores it with identical per-key output (savepoints/README.md,
 * "Compatibility fixtures"):
 *
 * <ul>
 *   <li>{@code input-1.jsonl.gz}, {@code input-2.jsonl.gz}: the input records, byte for byte
 *       ({@link InputRecord}); the savepoint was taken after the job had committed all of phase 1;
 *   <li>{@code savepoint/}: the savepoint (canonical format, RocksDB), relocatable;
 *   <li>{@code job.properties}: the job settings it ran with (without broker and paths);
 *   <li>{@code before.tsv}: per key, the digests of the output committed before the savepoint;
 *   <li>{@code expected.tsv}: per key, the digests of the output of an uninterrupted bounded run of
 *       that version over both phases.
 * </ul>
 *
 * <p>Digest files hold one line per output record, {@code stream TAB key TAB sha-256}, in per-key
 * order ({@link io.marketstreams.testkit.PerKeyOutput}).
 */
record CompatibilityFixture(Path dir) {
    static final String INPUT_NAMESPACE = "compat-in";
    static final String OUTPUT_NAMESPACE = "compat-out";
    static final String REFERENCE_NAMESPACE = "compat-reference";

    Path input(int phase) {
        return dir.resolve("input-" + phase + ".jsonl.gz");
    }

    Path savepoint() {
        return dir.resolve("savepoint");
    }

    Path jobProperties() {
        return dir.resolve("job.properties");
    }

    Path before() {
        return dir.resolve("before.tsv");
    }

    Path expected() {
        return dir.resolve("expected.tsv");
    }

    /** Output digests per stream and key. */
    static final class Output {
        final Map<StreamTopic, Map<String, List<String>>> byStream =
                new EnumMap<>(StreamTopic.class);

        Map<String, List<String>> of(StreamTopic topic) {
            return byStream.computeIfAbsent(topic, t -> new TreeMap<>());
        }

        int records() {
            return byStream.values().stream()
                    .flatMap(m -> m.values().stream())
                    .mapToInt(List::size)
                    .sum();
        }
    }

    static void writeOutput(Path file, Output output) {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (Map.Entry<StreamTopic, Map<String, List<String>>> s : output.byStream.entrySet()) {
                for (Map.Entry<String, List<String>> k : s.getValue().entrySet()) {
                    for (String digest : k.getValue()) {
                        out.write(s.getKey().streamName() + "\t" + k.getKey() + "\t" + digest);
                        out.newLine();
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Output readOutput(Path file) {
        Map<String, StreamTopic> byName = new TreeMap<>();
        for (StreamTopic t : StreamTopic.values()) {
            byName.put(t.streamName(), t);
        }
        Output output = new Output();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] f = line.split("\t", -1);
                output.of(byName.get(f[0])).computeIfAbsent(f[1], k -> new ArrayList<>()).add(f[2]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return output;
    }

    Map<String, String> readJobProperties() {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(jobProperties(), StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> settings = new TreeMap<>();
        p.stringPropertyNames().forEach(k -> settings.put(k, p.getProperty(k)));
        return settings;
    }

    void writeJobProperties(Map<String, String> settings, String comment) {
        Properties p = new Properties();
        p.putAll(settings);
        try (Writer out = Files.newBufferedWriter(jobProperties(), StandardCharsets.UTF_8)) {
            p.store(out, comment);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
