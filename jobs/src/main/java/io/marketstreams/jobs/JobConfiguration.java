package io.marketstreams.jobs;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;

/**
 * Loads a job's configuration: {@code --config-dir DIR} reads {@code DIR/config.yaml} (Flink's
 * format, application keys included), then every other {@code --key value} pair overrides one key.
 */
public final class JobConfiguration {
    private JobConfiguration() {}

    /** Parses program arguments into a configuration. */
    public static Configuration fromArgs(String[] args) {
        Map<String, String> overrides = new HashMap<>();
        String configDir = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException(
                        "expected --key value pairs, got '" + arg + "' at position " + i);
            }
            String name = arg.substring(2);
            String value = args[++i];
            if (name.equals("config-dir")) {
                configDir = value;
            } else {
                overrides.put(name, value);
            }
        }
        Configuration dynamic = Configuration.fromMap(overrides);
        if (configDir == null) {
            return dynamic;
        }
        return GlobalConfiguration.loadConfiguration(configDir, dynamic);
    }
}
