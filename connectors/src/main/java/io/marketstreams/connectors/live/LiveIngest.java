package io.marketstreams.connectors.live;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the live adapters into the raw topics until the process is stopped (Ctrl-C / SIGTERM):
 * Kalshi for the given tickers and/or Polymarket for the given token ids, one shared {@link
 * KafkaRawFrameSink}. Flags: {@link LiveIngestOptions#USAGE}; see {@code docs/venues/adapters.md}.
 * The raw topics must exist (created by the topic provisioning, see {@code docs/topics.md}).
 */
public final class LiveIngest {
    private LiveIngest() {}

    /** Entry point. */
    public static void main(String[] args) throws InterruptedException {
        LiveIngestOptions options;
        try {
            options = LiveIngestOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        KafkaRawFrameSink sink =
                new KafkaRawFrameSink(options.bootstrapServers(), options.namespace());
        List<ReconnectingWebSocketAdapter> adapters = adapters(options, sink);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    adapters.forEach(ReconnectingWebSocketAdapter::close);
                                    sink.close(); // flushes what was received before the stop
                                    stopped.countDown();
                                },
                                "live-ingest-shutdown"));
        adapters.forEach(ReconnectingWebSocketAdapter::start);
        stopped.await();
    }

    /** The adapters the options ask for, not yet started. */
    static List<ReconnectingWebSocketAdapter> adapters(
            LiveIngestOptions options, RawFrameSink sink) {
        List<ReconnectingWebSocketAdapter> adapters = new ArrayList<>();
        if (!options.kalshiTickers().isEmpty()) {
            ConnectionSettings settings =
                    ConnectionSettings.of(
                                    options.kalshiUrl(),
                                    options.connectionIdPrefix(KalshiAdapter.VENUE_ID))
                            .withHeaders(options.kalshiHeaders())
                            .withBackoff(options.initialBackoff(), options.maxBackoff())
                            .withIdleTimeout(options.idleTimeout());
            adapters.add(new KalshiAdapter(settings, options.kalshiTickers(), sink));
        }
        if (!options.polymarketTokens().isEmpty()) {
            ConnectionSettings settings =
                    ConnectionSettings.of(
                                    options.polymarketUrl(),
                                    options.connectionIdPrefix(PolymarketAdapter.VENUE_ID))
                            .withBackoff(options.initialBackoff(), options.maxBackoff())
                            .withIdleTimeout(options.idleTimeout());
            adapters.add(
                    new PolymarketAdapter(
                            settings, options.polymarketTokens(), options.pingInterval(), sink));
        }
        return adapters;
    }
}
