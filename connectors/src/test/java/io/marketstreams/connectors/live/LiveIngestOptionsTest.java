package io.marketstreams.connectors.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LiveIngestOptionsTest {

    @Test
    void parsesEveryFlag() {
        LiveIngestOptions o =
                LiveIngestOptions.parse(
                        new String[] {
                            "--bootstrap", "localhost:9092",
                            "--namespace", "live",
                            "--kalshi-tickers", "A,B",
                            "--kalshi-url", "wss://demo.example/ws",
                            "--kalshi-header", "KALSHI-ACCESS-KEY=k=1",
                            "--polymarket-tokens", "123",
                            "--ping-seconds", "5",
                            "--backoff-ms", "100,2000",
                            "--run-id", "host1"
                        });
        assertThat(o.bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(o.namespace()).isEqualTo("live");
        assertThat(o.kalshiTickers()).containsExactly("A", "B");
        assertThat(o.kalshiUrl()).isEqualTo(URI.create("wss://demo.example/ws"));
        assertThat(o.kalshiHeaders()).isEqualTo(Map.of("KALSHI-ACCESS-KEY", "k=1"));
        assertThat(o.polymarketTokens()).containsExactly("123");
        assertThat(o.polymarketUrl()).isEqualTo(PolymarketAdapter.DEFAULT_URL);
        assertThat(o.pingInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(o.initialBackoff()).isEqualTo(Duration.ofMillis(100));
        assertThat(o.maxBackoff()).isEqualTo(Duration.ofSeconds(2));
        assertThat(o.connectionIdPrefix("kalshi")).isEqualTo("kalshi-host1");
        List<ReconnectingWebSocketAdapter> adapters = LiveIngest.adapters(o, new CollectingSink());
        assertThat(adapters).hasSize(2);
        assertThat(adapters.get(0)).isInstanceOf(KalshiAdapter.class);
        assertThat(adapters.get(1)).isInstanceOf(PolymarketAdapter.class);
        adapters.forEach(ReconnectingWebSocketAdapter::close);
    }

    @Test
    void defaultsAndErrors() {
        LiveIngestOptions o =
                LiveIngestOptions.parse(
                        new String[] {"--bootstrap", "b:1", "--polymarket-tokens", "1"});
        assertThat(o.kalshiTickers()).isEmpty();
        assertThat(o.kalshiUrl()).isEqualTo(KalshiAdapter.DEFAULT_URL);
        assertThat(o.pingInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(o.connectionIdPrefix("polymarket")).isEqualTo("polymarket");

        assertThatThrownBy(() -> LiveIngestOptions.parse(new String[] {"--bootstrap", "b:1"}))
                .hasMessageContaining("--kalshi-tickers");
        assertThatThrownBy(() -> LiveIngestOptions.parse(new String[] {"--kalshi-tickers", "A"}))
                .hasMessageContaining("--bootstrap is required");
        assertThatThrownBy(
                        () ->
                                LiveIngestOptions.parse(
                                        new String[] {"--bootstrap", "b", "--ping-seconds", "x"}))
                .hasMessageContaining("usage:");
        assertThatThrownBy(() -> LiveIngestOptions.parse(new String[] {"--nope", "1"}))
                .hasMessageContaining("unknown flag --nope");
    }

    @Test
    void backoffDoublesUpToTheBound() {
        ConnectionSettings s =
                ConnectionSettings.of(URI.create("ws://x"), "k")
                        .withBackoff(Duration.ofMillis(100), Duration.ofMillis(1000));
        assertThat(s.backoff(0)).isEqualTo(Duration.ofMillis(100));
        assertThat(s.backoff(1)).isEqualTo(Duration.ofMillis(200));
        assertThat(s.backoff(3)).isEqualTo(Duration.ofMillis(800));
        assertThat(s.backoff(4)).isEqualTo(Duration.ofMillis(1000));
        assertThat(s.backoff(1_000_000)).isEqualTo(Duration.ofMillis(1000));
    }
}
