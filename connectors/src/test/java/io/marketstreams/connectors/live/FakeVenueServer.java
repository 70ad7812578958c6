package io.marketstreams.connectors.live;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.java_websocket.WebSocket;
import org.java_websocket.enums.Opcode;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * A stand-in venue: a real WebSocket server (Java-WebSocket) on a free localhost port. Each client
 * connection is a {@link Peer} that records what it received and sent; a {@link Behaviour} decides
 * what the venue answers.
 */
public final class FakeVenueServer extends WebSocketServer implements AutoCloseable {

    /** What the venue does with a message from a client. */
    public interface Behaviour {
        void onMessage(Peer peer, String text);
    }

    /** One client connection, numbered from 1 in the order they opened. */
    public static final class Peer {
        public final int number;
        public final Map<String, String> headers;
        private final WebSocket socket;
        private final FakeVenueServer server;
        private final List<String> received = Collections.synchronizedList(new ArrayList<>());
        private final List<String> sentFrames = Collections.synchronizedList(new ArrayList<>());
        private final AtomicInteger pongs = new AtomicInteger();
        private final CountDownLatch closed = new CountDownLatch(1);

        private Peer(int number, WebSocket socket, Map<String, String> headers, FakeVenueServer s) {
            this.number = number;
            this.socket = socket;
            this.headers = headers;
            this.server = s;
        }

        /** Sends a venue frame as one message. */
        public void send(String frame) {
            sentFrames.add(frame);
            socket.send(frame);
        }

        /**
         * Sends a venue frame as a fragmented message of {@code pieces} frames (a TEXT frame and
         * CONTINUATION frames), split on character boundaries.
         */
        public void sendFragmented(String frame, int pieces) {
            sentFrames.add(frame);
            int step = Math.max(1, (frame.length() + pieces - 1) / pieces);
            for (int start = 0; start < frame.length(); start += step) {
                int end = Math.min(frame.length(), start + step);
                ByteBuffer part =
                        ByteBuffer.wrap(
                                frame.substring(start, end).getBytes(StandardCharsets.UTF_8));
                socket.sendFragmentedFrame(Opcode.TEXT, part, end == frame.length());
            }
        }

        /** Answers a keep-alive; not a venue frame. */
        public void sendPong() {
            pongs.incrementAndGet();
            socket.send("PONG");
            server.changed();
        }

        /** Cuts the TCP connection without a close handshake. */
        public void drop() {
            socket.closeConnection(CloseFrame.ABNORMAL_CLOSE, "dropped by the test");
        }

        /** Closes with a close handshake (as a venue restarting would). */
        public void close() {
            socket.close(CloseFrame.GOING_AWAY, "going away");
        }

        /** Messages received from the client, in order. */
        public List<String> received() {
            synchronized (received) {
                return List.copyOf(received);
            }
        }

        /** Venue frames sent to the client, in order (keep-alive replies excluded). */
        public List<String> sentFrames() {
            synchronized (sentFrames) {
                return List.copyOf(sentFrames);
            }
        }

        public int pongsSent() {
            return pongs.get();
        }

        public boolean awaitClosed(Duration timeout) throws InterruptedException {
            return closed.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private final Behaviour behaviour;
    private final CountDownLatch started = new CountDownLatch(1);
    private final List<Peer> peers = new ArrayList<>(); // guarded by this

    private FakeVenueServer(Behaviour behaviour, int port) {
        super(new InetSocketAddress("127.0.0.1", port));
        this.behaviour = behaviour;
        setReuseAddr(true);
    }

    /** Starts a server on a free port and waits until it listens. */
    public static FakeVenueServer start(Behaviour behaviour) throws InterruptedException {
        return start(behaviour, 0);
    }

    /** Starts a server on the given port (0: a free one) and waits until it listens. */
    public static FakeVenueServer start(Behaviour behaviour, int port) throws InterruptedException {
        FakeVenueServer server = new FakeVenueServer(behaviour, port);
        server.start();
        if (!server.started.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("fake venue server did not start");
        }
        return server;
    }

    /** The URL clients connect to. */
    public URI url() {
        return URI.create("ws://127.0.0.1:" + getPort() + "/ws");
    }

    /** Connection {@code number} (from 1). */
    public synchronized Peer peer(int number) {
        return peers.get(number - 1);
    }

    public synchronized int connectionCount() {
        return peers.size();
    }

    /** Waits until the condition holds, re-checking whenever the server sees something. */
    public synchronized void await(BooleanSupplier condition, Duration timeout, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("timed out waiting for " + what);
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    private synchronized void changed() {
        notifyAll();
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        // HTTP header names are case-insensitive.
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        handshake
                .iterateHttpFields()
                .forEachRemaining(f -> headers.put(f, handshake.getFieldValue(f)));
        synchronized (this) {
            Peer peer =
                    new Peer(peers.size() + 1, conn, Collections.unmodifiableMap(headers), this);
            conn.setAttachment(peer);
            peers.add(peer);
            notifyAll();
        }
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        Peer peer = conn.getAttachment();
        peer.received.add(message);
        behaviour.onMessage(peer, message);
        changed();
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        Peer peer = conn.getAttachment();
        if (peer != null) {
            peer.closed.countDown();
        }
        changed();
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
        changed();
    }

    @Override
    public void onStart() {
        started.countDown();
    }

    @Override
    public void close() throws InterruptedException {
        stop(200); // the adapters abort connections: no close handshake to wait for
    }
}
