package io.marketstreams.connectors.capture;

import io.marketstreams.connectors.live.KafkaRawFrameSink;
import java.nio.file.Path;

/**
 * Replays a JSONL capture ({@link CaptureFile}) into the raw topics of a Kafka cluster, in file
 * order, so a user's own recorded frames run through the canonical job like live ones.
 *
 * <pre>java -cp ... io.marketstreams.connectors.capture.ReplayCapture capture.jsonl \
 *     --bootstrap localhost:9092 [--namespace ns]</pre>
 *
 * The topics must exist (the job's topic provisioning creates them).
 */
public final class ReplayCapture {
    private ReplayCapture() {}

    public static void main(String[] args) {
        if (args.length < 1 || args[0].startsWith("--")) {
            System.err.println(
                    "usage: ReplayCapture FILE [--bootstrap host:port] [--namespace ns]");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        String bootstrap = "localhost:9092";
        String namespace = "";
        for (int i = 1; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--bootstrap" -> bootstrap = args[i + 1];
                case "--namespace" -> namespace = args[i + 1];
                default -> {
                    System.err.println("unknown option " + args[i]);
                    System.exit(2);
                }
            }
        }
        try (KafkaRawFrameSink sink = new KafkaRawFrameSink(bootstrap, namespace)) {
            long frames = CaptureFile.read(file, sink::accept);
            sink.flush();
            System.out.println("replayed " + frames + " frames from " + file);
        }
    }
}
