/**
 * Live ingest: WebSocket adapters that connect to the venues, subscribe, and write every native
 * frame unchanged to a {@link io.marketstreams.connectors.live.RawFrameSink} (in production the raw
 * topics, through {@link io.marketstreams.connectors.live.KafkaRawFrameSink}). They reconnect and
 * re-subscribe on a dropped connection (and, for Kalshi, on a sequence gap), so after any hole in a
 * connection's frames the venue sends a fresh book snapshot on the next connection.
 */
package io.marketstreams.connectors.live;
