package io.marketstreams.connectors.live;

import io.marketstreams.connectors.raw.RawFrame;
import java.lang.System.Logger.Level;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The connection loop shared by the venue adapters: connect with the JDK WebSocket client, send the
 * venue's subscribe commands, reassemble each text message from its parts, stamp it with the
 * receive time and connection id and hand it to the sink unchanged, and reconnect with a bounded
 * exponential backoff whenever the connection ends (or a subclass says the stream lost sync).
 *
 * <p>A connection on which nothing arrives for {@link ConnectionSettings#idleTimeout()} is replaced
 * too, since a dead connection does not always say so.
 *
 * <p>At most one connection is open at a time; a new one is made only after the previous one has
 * ended, so frames of one connection id are never interleaved with another's.
 */
public abstract class ReconnectingWebSocketAdapter implements AutoCloseable {
    private static final System.Logger LOG =
            System.getLogger(ReconnectingWebSocketAdapter.class.getName());

    private final String venueId;
    private final ConnectionSettings settings;
    private final RawFrameSink sink;
    private final HttpClient http;
    private final ScheduledExecutorService scheduler;
    private final AtomicInteger connectionCount = new AtomicInteger();

    private final Object lock = new Object();
    private Session session; // the connection being made or open; guarded by lock
    private int failures; // attempts since a connection last delivered a frame; guarded by lock
    private boolean started; // guarded by lock
    private boolean stopped; // guarded by lock

    /**
     * @param venueId the venue of the frames ({@code kalshi}, {@code polymarket})
     * @param settings where and how to connect
     * @param sink where frames go; not closed by the adapter
     */
    protected ReconnectingWebSocketAdapter(
            String venueId, ConnectionSettings settings, RawFrameSink sink) {
        this.venueId = venueId;
        this.settings = settings;
        this.sink = sink;
        this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).build();
        this.scheduler =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, venueId + "-adapter");
                            t.setDaemon(true);
                            return t;
                        });
    }

    /** Starts connecting in the background; returns at once. */
    public final void start() {
        synchronized (lock) {
            if (started) {
                throw new IllegalStateException("already started");
            }
            started = true;
        }
        scheduler.execute(this::connect);
    }

    /** How many connections have been opened so far (the n of the latest connection id). */
    public final int connectionsOpened() {
        return connectionCount.get();
    }

    /** Stops: no more reconnects, the open connection is aborted. The sink stays open. */
    @Override
    public void close() {
        Session s;
        synchronized (lock) {
            stopped = true;
            s = session;
            session = null;
        }
        if (s != null) {
            s.end("adapter closed", null);
        }
        scheduler.shutdownNow();
    }

    /** The venue's subscribe commands, sent in this order on every new connection. */
    protected abstract List<String> subscribeCommands();

    /** Called when a connection opens, before its subscribe commands are sent. */
    protected void onConnected(String connectionId) {}

    /** Called once when a connection that had opened ends. */
    protected void onDisconnected(String connectionId) {}

    /**
     * Whether a received text message is a venue frame to write; false for transport chatter such
     * as keep-alive replies. Default: every message is.
     */
    protected boolean isVenueFrame(String text) {
        return true;
    }

    /**
     * Called after a frame was written: true when the stream lost sync (e.g. a sequence gap), which
     * makes the adapter drop the connection and re-subscribe on a new one.
     */
    protected boolean lostSync(String text) {
        return false;
    }

    /** Sends a text message on the open connection, if any (after earlier sends complete). */
    protected final void send(String text) {
        Session s;
        synchronized (lock) {
            s = session;
        }
        if (s != null && s.id != null) {
            s.send(text);
        }
    }

    /** The adapter's single scheduler thread, for periodic work such as keep-alive messages. */
    protected final ScheduledExecutorService scheduler() {
        return scheduler;
    }

    private void connect() {
        Session s = new Session();
        synchronized (lock) {
            if (stopped) {
                return;
            }
            session = s;
        }
        try {
            WebSocket.Builder builder =
                    http.newWebSocketBuilder().connectTimeout(settings.connectTimeout());
            for (Map.Entry<String, String> h : settings.headers().get().entrySet()) {
                builder.header(h.getKey(), h.getValue());
            }
            builder.buildAsync(settings.url(), s)
                    .whenComplete(
                            (ws, e) -> {
                                if (e != null) {
                                    s.end("connect failed", e);
                                }
                            });
        } catch (RuntimeException e) {
            s.end("connect failed", e);
        }
    }

    private void reconnectLater() {
        synchronized (lock) {
            if (stopped) {
                return;
            }
            Duration wait = settings.backoff(failures++);
            LOG.log(Level.INFO, "{0}: reconnecting in {1} ms", venueId, wait.toMillis());
            try {
                scheduler.schedule(this::connect, wait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RuntimeException e) { // closed concurrently
                LOG.log(Level.DEBUG, "reconnect not scheduled", e);
            }
        }
    }

    /** Writes one complete text message; false when the connection must be dropped. */
    private boolean received(Session s, String text) {
        if (isVenueFrame(text)) {
            RawFrame frame =
                    new RawFrame(
                            venueId,
                            s.id,
                            settings.clock().millis(),
                            text.getBytes(StandardCharsets.UTF_8));
            try {
                sink.accept(frame);
            } catch (RuntimeException e) {
                s.end("sink failed", e);
                return false;
            }
        }
        synchronized (lock) {
            failures = 0;
        }
        // After the write: raw keeps exactly what was received, including the frame that shows
        // the gap.
        if (lostSync(text)) {
            s.end("lost sync", null);
            return false;
        }
        return true;
    }

    /** One connection (attempt). The JDK calls a listener's methods one at a time. */
    private final class Session implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();
        private final AtomicBoolean ended = new AtomicBoolean();
        private volatile WebSocket webSocket;
        private volatile String id;
        private volatile long lastActivity = System.nanoTime(); // not the frame clock: a timer
        private volatile ScheduledFuture<?> watchdog;
        private CompletableFuture<?> sends = CompletableFuture.completedFuture(null);

        @Override
        public void onOpen(WebSocket ws) {
            webSocket = ws;
            if (ended.get()) { // the adapter closed while this connection was being made
                ws.abort();
                return;
            }
            id = settings.connectionIdPrefix() + "-" + connectionCount.incrementAndGet();
            LOG.log(Level.INFO, "{0}: connected to {1}", id, settings.url());
            try {
                watchIdleness();
                onConnected(id);
                for (String command : subscribeCommands()) {
                    send(command);
                }
            } catch (RuntimeException e) {
                end("subscribe failed", e);
                return;
            }
            ws.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            if (ended.get()) {
                return null;
            }
            lastActivity = System.nanoTime();
            partial.append(data); // data may be reused once this returns: copy it
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                if (!received(this, text)) {
                    return null;
                }
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            // Neither venue sends binary messages; the raw contract holds text messages only.
            LOG.log(Level.WARNING, "{0}: ignoring a binary message part", id);
            lastActivity = System.nanoTime();
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket ws, ByteBuffer message) {
            lastActivity = System.nanoTime(); // the JDK answers with a pong by itself
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket ws, ByteBuffer message) {
            lastActivity = System.nanoTime();
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            end("closed by venue: " + statusCode + " " + reason, null);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            end("connection failed", error);
        }

        private void watchIdleness() {
            long idle = settings.idleTimeout().toNanos();
            if (idle == 0) {
                return;
            }
            long period = Math.max(TimeUnit.MILLISECONDS.toNanos(10), idle / 4);
            watchdog =
                    scheduler.scheduleAtFixedRate(
                            () -> {
                                if (System.nanoTime() - lastActivity > idle) {
                                    end(
                                            "nothing received for "
                                                    + settings.idleTimeout().toMillis()
                                                    + " ms",
                                            null);
                                }
                            },
                            period,
                            period,
                            TimeUnit.NANOSECONDS);
            if (ended.get()) { // ended while this was being set up: end() may not have seen it
                watchdog.cancel(false);
            }
        }

        synchronized void send(String text) {
            WebSocket ws = webSocket;
            // The JDK allows one outstanding send per WebSocket: chain them.
            sends =
                    sends.thenCompose(x -> ws.sendText(text, true))
                            .whenComplete(
                                    (x, e) -> {
                                        if (e != null) {
                                            end("send failed", e);
                                        }
                                    });
        }

        /** Ends this connection once; a connection that was the current one is then replaced. */
        void end(String reason, Throwable cause) {
            if (!ended.compareAndSet(false, true)) {
                return;
            }
            ScheduledFuture<?> w = watchdog;
            if (w != null) {
                w.cancel(false);
            }
            WebSocket ws = webSocket;
            if (ws != null) {
                // Abort rather than close: nothing the venue could still send is wanted.
                ws.abort();
            }
            LOG.log(
                    cause == null ? Level.INFO : Level.WARNING,
                    "{0}: connection ended: {1}",
                    id == null ? venueId : id,
                    reason + (cause == null ? "" : " (" + cause + ")"));
            if (id != null) {
                onDisconnected(id);
            }
            boolean current;
            synchronized (lock) {
                current = session == this;
                if (current) {
                    session = null;
                }
            }
            if (current) {
                reconnectLater();
            }
        }
    }
}
