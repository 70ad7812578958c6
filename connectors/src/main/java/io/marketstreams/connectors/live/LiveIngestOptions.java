package io.marketstreams.connectors.live;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Flags of {@link LiveIngest}.
 *
 * @param bootstrapServers Kafka {@code bootstrap.servers}
 * @param namespace topic namespace, empty for the plain raw topic names
 * @param kalshiUrl Kalshi WebSocket URL
 * @param kalshiTickers Kalshi market tickers; empty runs no Kalshi adapter
 * @param kalshiHeaders extra handshake headers for Kalshi (e.g. API-key headers)
 * @param polymarketUrl Polymarket market channel URL
 * @param polymarketTokens Polymarket token ids; empty runs no Polymarket adapter
 * @param pingInterval Polymarket keep-alive interval
 * @param initialBackoff first reconnect wait
 * @param maxBackoff largest reconnect wait
 * @param idleTimeout replace a connection on which nothing arrived for this long; zero disables
 * @param runId when set, connection ids are {@code <venue>-<runId>-<n>} instead of {@code
 *     <venue>-<n>}, so several processes or restarts writing the same raw topic never share one
 */
public record LiveIngestOptions(
        String bootstrapServers,
        String namespace,
        URI kalshiUrl,
        List<String> kalshiTickers,
        Map<String, String> kalshiHeaders,
        URI polymarketUrl,
        List<String> polymarketTokens,
        Duration pingInterval,
        Duration initialBackoff,
        Duration maxBackoff,
        Duration idleTimeout,
        String runId) {

    static final String USAGE =
            String.join(
                    "\n",
                    "usage: LiveIngest --bootstrap HOST:PORT [--namespace NS]",
                    "         [--kalshi-tickers T1,T2] [--kalshi-url URL] [--kalshi-header"
                            + " NAME=VALUE]...",
                    "         [--polymarket-tokens ID1,ID2] [--polymarket-url URL] [--ping-seconds"
                            + " N]",
                    "         [--backoff-ms INITIAL,MAX] [--idle-seconds N] [--run-id ID]",
                    "  --bootstrap          Kafka bootstrap servers (required)",
                    "  --namespace          topic namespace (default: none, raw.kalshi /"
                            + " raw.polymarket)",
                    "  --kalshi-tickers     Kalshi market tickers, comma-separated",
                    "  --kalshi-url         default " + KalshiAdapter.DEFAULT_URL,
                    "  --kalshi-header      extra handshake header, repeatable",
                    "  --polymarket-tokens  Polymarket CLOB token ids, comma-separated",
                    "  --polymarket-url     default " + PolymarketAdapter.DEFAULT_URL,
                    "  --ping-seconds       Polymarket PING interval (default 10, 0 = off)",
                    "  --backoff-ms         reconnect backoff bounds (default 500,30000)",
                    "  --idle-seconds       replace a connection silent this long (default 30, 0 ="
                            + " off)",
                    "  --run-id             connection ids become <venue>-<run-id>-<n>",
                    "At least one of --kalshi-tickers and --polymarket-tokens is required.");

    /** Parses the flags; throws IllegalArgumentException with the usage on bad input. */
    public static LiveIngestOptions parse(String[] args) {
        String bootstrap = null;
        String namespace = "";
        URI kalshiUrl = KalshiAdapter.DEFAULT_URL;
        List<String> tickers = List.of();
        Map<String, String> headers = new LinkedHashMap<>();
        URI polymarketUrl = PolymarketAdapter.DEFAULT_URL;
        List<String> tokens = List.of();
        Duration ping = PolymarketAdapter.DEFAULT_PING_INTERVAL;
        Duration initial = Duration.ofMillis(500);
        Duration max = Duration.ofSeconds(30);
        Duration idle = Duration.ofSeconds(30);
        String runId = null;
        try {
            for (int i = 0; i < args.length; i++) {
                String flag = args[i];
                if (flag.equals("--help") || flag.equals("-h")) {
                    throw new IllegalArgumentException(USAGE);
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value for " + flag);
                }
                String value = args[++i];
                switch (flag) {
                    case "--bootstrap" -> bootstrap = value;
                    case "--namespace" -> namespace = value;
                    case "--kalshi-url" -> kalshiUrl = URI.create(value);
                    case "--kalshi-tickers" -> tickers = list(value);
                    case "--kalshi-header" -> {
                        int eq = value.indexOf('=');
                        if (eq <= 0) {
                            throw new IllegalArgumentException(
                                    "header must be NAME=VALUE: " + value);
                        }
                        headers.put(value.substring(0, eq), value.substring(eq + 1));
                    }
                    case "--polymarket-url" -> polymarketUrl = URI.create(value);
                    case "--polymarket-tokens" -> tokens = list(value);
                    case "--ping-seconds" -> ping = Duration.ofSeconds(Long.parseLong(value));
                    case "--backoff-ms" -> {
                        List<String> bounds = list(value);
                        if (bounds.size() != 2) {
                            throw new IllegalArgumentException("--backoff-ms needs INITIAL,MAX");
                        }
                        initial = Duration.ofMillis(Long.parseLong(bounds.get(0)));
                        max = Duration.ofMillis(Long.parseLong(bounds.get(1)));
                    }
                    case "--idle-seconds" -> idle = Duration.ofSeconds(Long.parseLong(value));
                    case "--run-id" -> runId = value;
                    default -> throw new IllegalArgumentException("unknown flag " + flag);
                }
            }
        } catch (IllegalArgumentException e) { // includes NumberFormatException
            throw new IllegalArgumentException(
                    USAGE.equals(e.getMessage()) ? USAGE : e.getMessage() + "\n" + USAGE, e);
        }
        checkRequired(bootstrap, tickers, tokens);
        if (ping.isNegative()
                || idle.isNegative()
                || initial.isNegative()
                || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("invalid ping or backoff\n" + USAGE);
        }
        return new LiveIngestOptions(
                bootstrap,
                namespace,
                kalshiUrl,
                tickers,
                Map.copyOf(headers),
                polymarketUrl,
                tokens,
                ping,
                initial,
                max,
                idle,
                runId);
    }

    /** A bootstrap server and at least one market to follow are required. */
    private static void checkRequired(String bootstrap, List<String> tickers, List<String> tokens) {
        if (bootstrap == null) {
            throw new IllegalArgumentException("--bootstrap is required\n" + USAGE);
        }
        if (tickers.isEmpty() && tokens.isEmpty()) {
            throw new IllegalArgumentException(
                    "give --kalshi-tickers and/or --polymarket-tokens\n" + USAGE);
        }
    }

    /** The connection id prefix of a venue: {@code <venue>} or {@code <venue>-<runId>}. */
    public String connectionIdPrefix(String venueId) {
        return runId == null ? venueId : venueId + "-" + runId;
    }

    private static List<String> list(String csv) {
        List<String> out = new ArrayList<>();
        for (String s : Arrays.asList(csv.split(","))) {
            if (!s.isBlank()) {
                out.add(s.strip());
            }
        }
        return List.copyOf(out);
    }
}
