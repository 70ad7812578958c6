package io.marketstreams.connectors.live;

import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * How a live adapter connects and reconnects.
 *
 * @param url the venue's WebSocket URL
 * @param headers extra handshake headers, asked for on every connection attempt (so signed headers
 *     with a timestamp, like Kalshi's API-key signature, can be computed fresh each time)
 * @param connectTimeout how long one connection attempt may take
 * @param initialBackoff wait before the first reconnect; doubles per failed attempt
 * @param maxBackoff upper bound of the wait between attempts
 * @param idleTimeout a connection on which nothing (no message, ping or pong) arrived for this long
 *     is dropped and replaced; zero disables it. Needed because a connection can die silently: a
 *     half-open TCP connection, or an end of stream that the JDK client loses when it arrives while
 *     the listener is handling a message (its transport then has no demand and the close signal is
 *     dropped). Both venues send something at least every 10 s (Kalshi pings; Polymarket answers
 *     our {@code PING})
 * @param connectionIdPrefix connection ids are {@code <prefix>-<n>}, n counting this adapter's
 *     connections from 1
 * @param clock source of the frames' receive times
 */
public record ConnectionSettings(
        URI url,
        Supplier<Map<String, String>> headers,
        Duration connectTimeout,
        Duration initialBackoff,
        Duration maxBackoff,
        Duration idleTimeout,
        String connectionIdPrefix,
        InstantSource clock) {

    public ConnectionSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(connectionIdPrefix, "connectionIdPrefix");
        if (idleTimeout.isNegative()) {
            throw new IllegalArgumentException("negative idle timeout");
        }
        Objects.requireNonNull(clock, "clock");
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException(
                    "backoff must satisfy 0 <= initial <= max: "
                            + initialBackoff
                            + ", "
                            + maxBackoff);
        }
    }

    /**
     * Defaults: no extra headers, 10 s connect timeout, backoff 0.5 s doubling up to 30 s, 30 s
     * idle timeout, the system clock.
     */
    public static ConnectionSettings of(URI url, String connectionIdPrefix) {
        return new ConnectionSettings(
                url,
                Map::of,
                Duration.ofSeconds(10),
                Duration.ofMillis(500),
                Duration.ofSeconds(30),
                Duration.ofSeconds(30),
                connectionIdPrefix,
                InstantSource.system());
    }

    /** The same settings with fixed extra handshake headers. */
    public ConnectionSettings withHeaders(Map<String, String> fixed) {
        Map<String, String> copy = Collections.unmodifiableMap(new LinkedHashMap<>(fixed));
        return withHeaders(() -> copy);
    }

    /** The same settings with handshake headers computed per connection attempt. */
    public ConnectionSettings withHeaders(Supplier<Map<String, String>> perAttempt) {
        return new ConnectionSettings(
                url,
                perAttempt,
                connectTimeout,
                initialBackoff,
                maxBackoff,
                idleTimeout,
                connectionIdPrefix,
                clock);
    }

    /** The same settings with another reconnect backoff. */
    public ConnectionSettings withBackoff(Duration initial, Duration max) {
        return new ConnectionSettings(
                url, headers, connectTimeout, initial, max, idleTimeout, connectionIdPrefix, clock);
    }

    /** The same settings with another connect timeout. */
    public ConnectionSettings withConnectTimeout(Duration timeout) {
        return new ConnectionSettings(
                url,
                headers,
                timeout,
                initialBackoff,
                maxBackoff,
                idleTimeout,
                connectionIdPrefix,
                clock);
    }

    /** The same settings with another clock. */
    public ConnectionSettings withClock(InstantSource newClock) {
        return new ConnectionSettings(
                url,
                headers,
                connectTimeout,
                initialBackoff,
                maxBackoff,
                idleTimeout,
                connectionIdPrefix,
                newClock);
    }

    /** The same settings with another idle timeout (zero disables it). */
    public ConnectionSettings withIdleTimeout(Duration timeout) {
        return new ConnectionSettings(
                url,
                headers,
                connectTimeout,
                initialBackoff,
                maxBackoff,
                timeout,
                connectionIdPrefix,
                clock);
    }

    /** The wait before reconnect attempt {@code failures + 1}: doubling, capped at the maximum. */
    public Duration backoff(int failures) {
        Duration d = initialBackoff;
        for (int i = 0; i < failures && d.compareTo(maxBackoff) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
    }
}
