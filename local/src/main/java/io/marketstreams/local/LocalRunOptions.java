package io.marketstreams.local;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Flags of the local run.
 *
 * @param duration how long to generate traffic; null runs until Ctrl-C
 * @param rate simulated native frames per second
 * @param seed simulator seed: the same seed gives the same input
 * @param events simulated events per venue
 * @param markets simulated markets per event
 * @param faultRate share of simulation steps that inject a fault (repeats, lost, swapped and
 *     malformed frames, bursts)
 * @param capture a JSONL capture of native frames to replay instead of simulating; null to simulate
 * @param uiPort port of the Flink web UI
 * @param partitions partitions per topic on the embedded broker
 * @param dataDir where the broker, checkpoints and savepoints live
 * @param configDir Flink + application configuration directory
 */
public record LocalRunOptions(
        Duration duration,
        int rate,
        long seed,
        int events,
        int markets,
        double faultRate,
        Path capture,
        int uiPort,
        int partitions,
        Path dataDir,
        Path configDir) {

    static final String USAGE =
            String.join(
                    "\n",
                    "usage: bin/local-run [--duration SECONDS] [--rate FRAMES_PER_S] [--seed N]",
                    "                    [--events N] [--markets N] [--fault-rate 0..1]",
                    "                    [--capture FILE.jsonl] [--ui-port PORT]",
                    "                    [--partitions N] [--data-dir DIR] [--config-dir DIR]",
                    "  --duration    stop by itself after this many seconds and print a summary",
                    "                (default: run until Ctrl-C)",
                    "  --rate        simulated native frames per second (default 500)",
                    "  --seed        simulator seed (default 42)",
                    "  --events      simulated events per venue (default 4)",
                    "  --markets     simulated markets per event (default 3)",
                    "  --fault-rate  share of steps injecting a fault (default 0.02)",
                    "  --capture     replay this JSONL capture of native frames instead of"
                            + " simulating",
                    "  --ui-port     Flink web UI port (default 8081)",
                    "  --partitions  partitions per topic (default 2)",
                    "  --data-dir    broker data, checkpoints, savepoints (default"
                            + " target/local-run)",
                    "  --config-dir  configuration directory (default flink-conf/local)");

    /** Parses the flags; throws IllegalArgumentException with the usage on bad input. */
    public static LocalRunOptions parse(String[] args) {
        Duration duration = null;
        int rate = 500;
        long seed = 42;
        int events = 4;
        int markets = 3;
        double faultRate = 0.02;
        Path capture = null;
        int uiPort = 8081;
        int partitions = 2;
        Path dataDir = Path.of("target", "local-run");
        Path configDir = Path.of("flink-conf", "local");
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--help") || flag.equals("-h")) {
                throw new IllegalArgumentException(USAGE);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value for " + flag + "\n" + USAGE);
            }
            String value = args[++i];
            switch (flag) {
                case "--duration" -> duration = Duration.ofSeconds(Long.parseLong(value));
                case "--rate" -> rate = Integer.parseInt(value);
                case "--seed" -> seed = Long.parseLong(value);
                case "--events" -> events = Integer.parseInt(value);
                case "--markets" -> markets = Integer.parseInt(value);
                case "--fault-rate" -> faultRate = Double.parseDouble(value);
                case "--capture" -> capture = Path.of(value);
                case "--ui-port" -> uiPort = Integer.parseInt(value);
                case "--partitions" -> partitions = Integer.parseInt(value);
                case "--data-dir" -> dataDir = Path.of(value);
                case "--config-dir" -> configDir = Path.of(value);
                default ->
                        throw new IllegalArgumentException("unknown flag " + flag + "\n" + USAGE);
            }
        }
        if (rate < 1 || events < 1 || markets < 1 || partitions < 1) {
            throw new IllegalArgumentException(
                    "rate, events, markets and partitions must be positive");
        }
        if (faultRate < 0 || faultRate >= 1) {
            throw new IllegalArgumentException("--fault-rate must be in [0, 1)");
        }
        return new LocalRunOptions(
                duration,
                rate,
                seed,
                events,
                markets,
                faultRate,
                capture,
                uiPort,
                partitions,
                dataDir,
                configDir);
    }
}
