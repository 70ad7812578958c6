package io.marketstreams.connectors.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketstreams.connectors.raw.RawFrame;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The Kalshi adapter against a fake Kalshi on localhost (a real WebSocket server): what it
 * subscribes, that it writes frames unchanged with connection ids and receive times, and when it
 * reconnects (a dropped connection, a sequence gap) and when not (an {@code error} taking a seq).
 */
class KalshiAdapterTest {
    static final List<String> TICKERS = List.of("KXFED-25DEC-T4.00", "KXFED-25DEC-T4.25");
    static final Duration WAIT = Duration.ofSeconds(10);
    static final long T0 = 1_795_689_600_000L;

    /** What the adapter must send on every connection, in order. */
    static final List<String> COMMANDS =
            List.of(
                    "{\"id\":1,\"cmd\":\"subscribe\",\"params\":{\"channels\":[\"orderbook_delta\"],"
                        + "\"market_ticker\":\"KXFED-25DEC-T4.00\"}}",
                    "{\"id\":2,\"cmd\":\"subscribe\",\"params\":{\"channels\":[\"orderbook_delta\"],"
                        + "\"market_ticker\":\"KXFED-25DEC-T4.25\"}}",
                    "{\"id\":3,\"cmd\":\"subscribe\",\"params\":{\"channels\":[\"trade\","
                            + "\"market_lifecycle_v2\"],\"market_tickers\":[\"KXFED-25DEC-T4.00\","
                            + "\"KXFED-25DEC-T4.25\"]}}");

    /**
     * A fake Kalshi: once a connection has sent all its subscribe commands it plays that
     * connection's frames (the first connection's split into {@code firstPieces} WebSocket frames
     * each, to exercise reassembly). Every new subscription gets a fresh snapshot this way.
     */
    static FakeVenueServer.Behaviour kalshi(List<List<String>> perConnection, int firstPieces) {
        return (peer, text) -> {
            if (peer.received().size() != COMMANDS.size() || peer.number > perConnection.size()) {
                return;
            }
            for (String frame : perConnection.get(peer.number - 1)) {
                if (peer.number == 1 && firstPieces > 1) {
                    peer.sendFragmented(frame, firstPieces);
                } else {
                    peer.send(frame);
                }
            }
        };
    }

    /** An adapter for the fake venue; {@code idle} zero disables the idle watchdog. */
    static KalshiAdapter adapter(FakeVenueServer server, RawFrameSink sink, Duration idle) {
        ConnectionSettings settings =
                ConnectionSettings.of(server.url(), KalshiAdapter.VENUE_ID)
                        .withHeaders(Map.of("X-Test-Key", "key-1"))
                        .withBackoff(Duration.ofMillis(10), Duration.ofMillis(100))
                        .withIdleTimeout(idle)
                        .withClock(new StepClock(T0));
        return new KalshiAdapter(settings, TICKERS, sink);
    }

    /** Frames of connection n (from 1) are the n-th list; times count up from T0 by one. */
    static void assertFrames(List<RawFrame> got, String venue, List<List<String>> perConnection) {
        List<RawFrame> expected = new ArrayList<>();
        long time = T0;
        for (int c = 0; c < perConnection.size(); c++) {
            for (String payload : perConnection.get(c)) {
                expected.add(
                        new RawFrame(
                                venue,
                                venue + "-" + (c + 1),
                                time++,
                                payload.getBytes(StandardCharsets.UTF_8)));
            }
        }
        // RawFrame equality compares the payload bytes.
        assertThat(got).containsExactlyElementsOf(expected);
    }

    @Test
    void droppedConnectionReconnectsResubscribesAndGetsAFreshSnapshot() throws Exception {
        List<String> first = Fixtures.frames("kalshi/session-1.jsonl");
        List<String> second = Fixtures.frames("kalshi/resubscribed.jsonl");
        CollectingSink sink = new CollectingSink();
        // The JDK client can miss the end of a cut connection (when it arrives while a message is
        // being handled); the idle watchdog replaces such a connection. Either way the adapter
        // reconnects, so the assertions below hold whichever notices first.
        try (FakeVenueServer server = FakeVenueServer.start(kalshi(List.of(first, second), 3));
                KalshiAdapter adapter = adapter(server, sink, Duration.ofMillis(500))) {
            adapter.start();
            sink.awaitFrames(first.size(), WAIT);
            server.peer(1).drop(); // TCP cut, no close handshake

            List<RawFrame> frames = sink.awaitFrames(first.size() + second.size(), WAIT);

            assertFrames(frames, "kalshi", List.of(first, second));
            assertThat(server.connectionCount()).isEqualTo(2);
            for (int n = 1; n <= 2; n++) {
                assertThat(server.peer(n).received()).containsExactlyElementsOf(COMMANDS);
                assertThat(server.peer(n).headers).containsEntry("X-Test-Key", "key-1");
            }
            assertThat(server.peer(2).sentFrames().get(4)).contains("orderbook_snapshot");
            assertThat(adapter.connectionsOpened()).isEqualTo(2);
            assertThat(adapter.gapsDetected()).isZero();
        }
    }

    @Test
    void sequenceGapWritesTheFrameThenReconnectsAndResubscribes() throws Exception {
        List<String> first = Fixtures.frames("kalshi/gap-1.jsonl");
        List<String> second = Fixtures.frames("kalshi/resubscribed.jsonl");
        CollectingSink sink = new CollectingSink();
        try (FakeVenueServer server = FakeVenueServer.start(kalshi(List.of(first, second), 1));
                // No idle watchdog: only the gap can cause the second connection.
                KalshiAdapter adapter = adapter(server, sink, Duration.ZERO)) {
            adapter.start();

            List<RawFrame> frames = sink.awaitFrames(first.size() + second.size(), WAIT);

            // The frame with seq 4 after 2 is in raw, on the first connection, before the new one.
            assertFrames(frames, "kalshi", List.of(first, second));
            assertThat(first.get(first.size() - 1)).contains("\"sid\":1,\"seq\":4");
            assertThat(adapter.gapsDetected()).isEqualTo(1);
            assertThat(server.peer(1).awaitClosed(WAIT)).isTrue();
            assertThat(server.connectionCount()).isEqualTo(2);
            assertThat(server.peer(2).received()).containsExactlyElementsOf(COMMANDS);
        }
    }

    @Test
    void errorConsumingASeqIsNotAGap() throws Exception {
        List<String> first = Fixtures.frames("kalshi/error-1.jsonl");
        List<String> second = Fixtures.frames("kalshi/resubscribed.jsonl");
        CollectingSink sink = new CollectingSink();
        try (FakeVenueServer server = FakeVenueServer.start(kalshi(List.of(first, second), 1));
                KalshiAdapter adapter = adapter(server, sink, Duration.ZERO)) {
            adapter.start();

            // The last frame (sid 2) comes after the error (sid 1 seq 3) and the delta with seq 4.
            // Had either been taken for a gap, the adapter would have dropped the connection
            // before reading it, and it would not be here on kalshi-1.
            List<RawFrame> frames = sink.awaitFrames(first.size(), WAIT);
            assertFrames(frames, "kalshi", List.of(first));
            assertThat(adapter.gapsDetected()).isZero();
            assertThat(adapter.connectionsOpened()).isEqualTo(1);
            assertThat(server.connectionCount()).isEqualTo(1);
            assertThat(server.peer(1).received()).containsExactlyElementsOf(COMMANDS);

            // And no hidden reconnect happened: the next connection is the second one.
            server.peer(1).close();
            frames = sink.awaitFrames(first.size() + second.size(), WAIT);
            assertFrames(frames, "kalshi", List.of(first, second));
            assertThat(adapter.gapsDetected()).isZero();
        }
    }

    @Test
    void failedSinkWriteMakesTheAdapterResubscribe() throws Exception {
        List<String> first = Fixtures.frames("kalshi/session-1.jsonl");
        List<String> second = Fixtures.frames("kalshi/resubscribed.jsonl");
        CollectingSink kept = new CollectingSink();
        AtomicInteger calls = new AtomicInteger();
        // The 6th write fails once (as KafkaRawFrameSink reports a failed delivery): raw misses
        // that frame, so the adapter must re-subscribe to get a snapshot after the hole.
        RawFrameSink failingOnce =
                new RawFrameSink() {
                    @Override
                    public void accept(RawFrame frame) {
                        if (calls.incrementAndGet() == 6) {
                            throw new IllegalStateException("broker unavailable");
                        }
                        kept.accept(frame);
                    }

                    @Override
                    public void flush() {}

                    @Override
                    public void close() {}
                };
        try (FakeVenueServer server = FakeVenueServer.start(kalshi(List.of(first, second), 1));
                KalshiAdapter adapter = adapter(server, failingOnce, Duration.ZERO)) {
            adapter.start();

            List<RawFrame> frames = kept.awaitFrames(5 + second.size(), WAIT);

            assertThat(frames.subList(0, 5)).allMatch(f -> f.connectionId().equals("kalshi-1"));
            assertThat(frames.subList(5, frames.size()))
                    .allMatch(f -> f.connectionId().equals("kalshi-2"))
                    .extracting(f -> new String(f.payload(), StandardCharsets.UTF_8))
                    .containsExactlyElementsOf(second);
            assertThat(server.peer(2).received()).containsExactlyElementsOf(COMMANDS);
        }
    }

    @Test
    void retriesWithBackoffUntilTheVenueIsReachable() throws Exception {
        List<String> first = Fixtures.frames("kalshi/session-1.jsonl");
        CollectingSink sink = new CollectingSink();
        int port;
        try (FakeVenueServer probe = FakeVenueServer.start((peer, text) -> {})) {
            port = probe.getPort();
        }
        // Nothing listens on the port now: attempts fail until the venue comes up. The header
        // supplier is asked once per attempt, which lets the test see the failed ones.
        CountDownLatch attempts = new CountDownLatch(3);
        ConnectionSettings settings =
                ConnectionSettings.of(URI.create("ws://127.0.0.1:" + port + "/ws"), "kalshi")
                        .withHeaders(
                                () -> {
                                    attempts.countDown();
                                    return Map.of();
                                })
                        .withBackoff(Duration.ofMillis(10), Duration.ofMillis(50))
                        .withIdleTimeout(Duration.ZERO)
                        .withClock(new StepClock(T0));
        try (KalshiAdapter adapter = new KalshiAdapter(settings, TICKERS, sink)) {
            adapter.start();
            assertThat(attempts.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
            assertThat(adapter.connectionsOpened()).isZero();
            try (FakeVenueServer server = FakeVenueServer.start(kalshi(List.of(first), 1), port)) {
                List<RawFrame> frames = sink.awaitFrames(first.size(), WAIT);
                assertFrames(frames, "kalshi", List.of(first));
                assertThat(server.peer(1).received()).containsExactlyElementsOf(COMMANDS);
                adapter.close(); // before the venue goes away, or it would start reconnecting
            }
        }
    }

    @Test
    void envelopeReadsTopLevelFieldsOnly() {
        assertThat(
                        KalshiAdapter.Envelope.of(
                                "{\"type\":\"orderbook_delta\",\"msg\":{\"sid\":9,\"seq\":9},"
                                        + "\"sid\":2,\"seq\":7}"))
                .isEqualTo(new KalshiAdapter.Envelope("orderbook_delta", 2L, 7L));
        assertThat(KalshiAdapter.Envelope.of("{\"id\":1,\"type\":\"subscribed\",\"msg\":{}}"))
                .isEqualTo(new KalshiAdapter.Envelope("subscribed", null, null));
        assertThat(KalshiAdapter.Envelope.of("[1,2]")).isNull();
        assertThat(KalshiAdapter.Envelope.of("not json")).isNull();
    }
}
