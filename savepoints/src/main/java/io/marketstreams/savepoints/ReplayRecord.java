package io.marketstreams.savepoints;

import io.marketstreams.schema.Market;
import io.marketstreams.schema.MarketResolution;
import io.marketstreams.schema.MarketStateChange;
import io.marketstreams.schema.OrderBookDelta;
import io.marketstreams.schema.OrderBookSnapshot;

/**
 * One output record of a replay, of one of the streams the verification compares; exactly one field
 * is set. A Flink POJO, so that the replay collects all of them through one stream.
 */
public final class ReplayRecord {
    public OrderBookSnapshot snapshot;
    public OrderBookDelta delta;
    public Market market;
    public MarketStateChange stateChange;
    public MarketResolution resolution;

    public ReplayRecord() {}

    static ReplayRecord of(OrderBookSnapshot snapshot) {
        ReplayRecord r = new ReplayRecord();
        r.snapshot = snapshot;
        return r;
    }

    static ReplayRecord of(OrderBookDelta delta) {
        ReplayRecord r = new ReplayRecord();
        r.delta = delta;
        return r;
    }

    static ReplayRecord of(Market market) {
        ReplayRecord r = new ReplayRecord();
        r.market = market;
        return r;
    }

    static ReplayRecord of(MarketStateChange stateChange) {
        ReplayRecord r = new ReplayRecord();
        r.stateChange = stateChange;
        return r;
    }

    static ReplayRecord of(MarketResolution resolution) {
        ReplayRecord r = new ReplayRecord();
        r.resolution = resolution;
        return r;
    }
}
