package io.marketstreams.local;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Flags of the local run.
 *
 * @param duration how long to generate traffic; null runs until Ctrl-C
 * @param rate generated venue messages per second
 * @param seed generator seed: the same seed gives the same input
 * @param markets number of simulated markets
 * @param badRate share of bad or duplicate records in the generated traffic
 * @param uiPort port of the Flink web UI
 * @param partitions partitions per topic on the embedded broker
 * @param dataDir where the broker, checkpoints and savepoints live
 * @param configDir Flink + application configuration directory
 */
public record LocalRunOptions(
        Duration duration,
        int rate,
        long seed,
        int markets,
        double badRate,
        int uiPort,
        int partitions,
        Path dataDir,
        Path configDir) {

    static final String USAGE =
            String.join(
                    "\n",
                    "usage: bin/local-run [--duration SECONDS] [--rate MSGS_PER_S] [--seed N]",
                    "                    [--markets N] [--bad-rate 0..1] [--ui-port PORT]",
                    "                    [--partitions N] [--data-dir DIR] [--config-dir DIR]",
                    "  --duration    stop by itself after this many seconds and print a summary",
                    "                (default: run until Ctrl-C)",
                    "  --rate        generated venue messages per second (default 500)",
                    "  --seed        generator seed (default 42)",
                    "  --markets     simulated markets (default 50)",
                    "  --bad-rate    share of bad and duplicate records (default 0.05)",
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
        int markets = 50;
        double badRate = 0.05;
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
                case "--markets" -> markets = Integer.parseInt(value);
                case "--bad-rate" -> badRate = Double.parseDouble(value);
                case "--ui-port" -> uiPort = Integer.parseInt(value);
                case "--partitions" -> partitions = Integer.parseInt(value);
                case "--data-dir" -> dataDir = Path.of(value);
                case "--config-dir" -> configDir = Path.of(value);
                default ->
                        throw new IllegalArgumentException("unknown flag " + flag + "\n" + USAGE);
            }
        }
        if (rate < 1 || markets < 1 || partitions < 1) {
            throw new IllegalArgumentException("rate, markets and partitions must be positive");
        }
        return new LocalRunOptions(
                duration, rate, seed, markets, badRate, uiPort, partitions, dataDir, configDir);
    }
}
