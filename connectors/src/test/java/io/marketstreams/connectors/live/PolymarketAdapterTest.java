package io.marketstreams.connectors.live;

import static io.marketstreams.connectors.live.KalshiAdapterTest.T0;
import static io.marketstreams.connectors.live.KalshiAdapterTest.WAIT;
import static io.marketstreams.connectors.live.KalshiAdapterTest.assertFrames;
import static org.assertj.core.api.Assertions.assertThat;

import io.marketstreams.connectors.raw.RawFrame;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Polymarket adapter against a fake CLOB market channel on localhost: subscription, frames
 * written unchanged, reconnect with re-subscription after the venue closes the connection, and the
 * {@code PING} keep-alive whose {@code PONG} replies stay out of raw.
 */
class PolymarketAdapterTest {
    static final String TOKEN_A =
            "71321045679252212594626385532706912750332728571942532289631379312455583992563";
    static final String TOKEN_B =
            "52114319501245915516055106046884209969926127482827954674443846427813813222426";
    static final String SUBSCRIBE =
            "{\"type\":\"market\",\"assets_ids\":[\"" + TOKEN_A + "\",\"" + TOKEN_B + "\"]}";

    /**
     * A fake market channel: answers PING with PONG, and a subscription with that connection's
     * frames.
     */
    static FakeVenueServer.Behaviour polymarket(List<List<String>> perConnection) {
        return (peer, text) -> {
            if (text.equals("PING")) {
                peer.sendPong();
            } else if (peer.number <= perConnection.size()) {
                for (String frame : perConnection.get(peer.number - 1)) {
                    if (peer.number == 1) {
                        peer.sendFragmented(frame, 2);
                    } else {
                        peer.send(frame);
                    }
                }
            }
        };
    }

    static List<String> commands(FakeVenueServer.Peer peer) {
        return peer.received().stream().filter(m -> !m.equals("PING")).toList();
    }

    @Test
    void reconnectsAfterCloseResubscribesAndKeepsPongsOutOfRaw() throws Exception {
        List<String> first = Fixtures.frames("polymarket/session-1.jsonl");
        List<String> second = Fixtures.frames("polymarket/resubscribed.jsonl");
        CollectingSink sink = new CollectingSink();
        try (FakeVenueServer server = FakeVenueServer.start(polymarket(List.of(first, second)))) {
            ConnectionSettings settings =
                    ConnectionSettings.of(server.url(), PolymarketAdapter.VENUE_ID)
                            .withBackoff(Duration.ofMillis(10), Duration.ofMillis(100))
                            .withIdleTimeout(Duration.ZERO)
                            .withClock(new StepClock(T0));
            try (PolymarketAdapter adapter =
                    new PolymarketAdapter(
                            settings, List.of(TOKEN_A, TOKEN_B), Duration.ofMillis(20), sink)) {
                adapter.start();
                sink.awaitFrames(first.size(), WAIT);
                FakeVenueServer.Peer peer1 = server.peer(1);
                // A PONG goes out before the close, so it reaches the adapter before the close.
                server.await(() -> peer1.pongsSent() >= 1, WAIT, "a PING answered");
                peer1.close();

                List<RawFrame> frames = sink.awaitFrames(first.size() + second.size(), WAIT);

                assertFrames(frames, "polymarket", List.of(first, second));
                assertThat(server.connectionCount()).isEqualTo(2);
                assertThat(commands(server.peer(1))).containsExactly(SUBSCRIBE);
                assertThat(commands(server.peer(2))).containsExactly(SUBSCRIBE);
                assertThat(peer1.received()).contains("PING");
                assertThat(server.peer(2).sentFrames().get(0)).contains("\"event_type\":\"book\"");
                assertThat(adapter.connectionsOpened()).isEqualTo(2);
            }
        }
    }

    @Test
    void silentConnectionIsReplacedAfterTheIdleTimeout() throws Exception {
        List<String> first = Fixtures.frames("polymarket/session-1.jsonl");
        List<String> second = Fixtures.frames("polymarket/resubscribed.jsonl");
        CollectingSink sink = new CollectingSink();
        // The venue goes quiet after its first frames and never closes: without pings nothing
        // arrives, so after 300 ms the adapter gives the connection up and subscribes anew.
        try (FakeVenueServer server = FakeVenueServer.start(polymarket(List.of(first, second)))) {
            ConnectionSettings settings =
                    ConnectionSettings.of(server.url(), PolymarketAdapter.VENUE_ID)
                            .withBackoff(Duration.ofMillis(10), Duration.ofMillis(100))
                            .withIdleTimeout(Duration.ofMillis(300))
                            .withClock(new StepClock(T0));
            try (PolymarketAdapter adapter =
                    new PolymarketAdapter(
                            settings, List.of(TOKEN_A, TOKEN_B), Duration.ZERO, sink)) {
                adapter.start();

                List<RawFrame> frames = sink.awaitFrames(first.size() + second.size(), WAIT);

                assertFrames(frames, "polymarket", List.of(first, second));
                assertThat(server.peer(1).awaitClosed(WAIT)).isTrue();
                assertThat(commands(server.peer(2))).containsExactly(SUBSCRIBE);
                assertThat(server.peer(1).received()).doesNotContain("PING");
            }
        }
    }
}
