package io.marketstreams.schema;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Freezes the current schema of every stream as its next released version, when it differs from the
 * last one. Run it when cutting a release:
 *
 * <pre>mvn -q -pl schemas compile exec:java -Dexec.mainClass=io.marketstreams.schema.SchemaRelease
 * -Dexec.args=schemas/released</pre>
 *
 * (run from the repository root). It refuses to release a schema that fails the gate.
 */
public final class SchemaRelease {
    private SchemaRelease() {}

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : "schemas/released");
        for (StreamTopic topic : StreamTopic.values()) {
            if (topic.isRaw()) {
                continue;
            }
            List<org.apache.avro.Schema> released = ReleasedSchemas.versions(topic);
            List<String> problems =
                    SchemaCompatibilityGate.backwardProblems(topic.schema(), released);
            if (!problems.isEmpty()) {
                throw new IllegalStateException(topic.streamName() + ": " + problems);
            }
            if (!released.isEmpty()
                    && WireHeaders.fingerprint(released.get(released.size() - 1))
                            == WireHeaders.fingerprint(topic.schema())
                    && released.get(released.size() - 1).equals(topic.schema())) {
                continue;
            }
            Path file =
                    root.resolve(topic.streamName()).resolve("v" + (released.size() + 1) + ".avsc");
            Files.createDirectories(file.getParent());
            Files.writeString(file, topic.schema().toString(true) + "\n", StandardCharsets.UTF_8);
            System.out.println("released " + file);
        }
    }
}
