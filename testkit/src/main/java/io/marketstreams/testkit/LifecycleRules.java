package io.marketstreams.testkit;

import io.marketstreams.schema.Event;
import io.marketstreams.schema.EventResolution;
import io.marketstreams.schema.FinalityStatus;
import io.marketstreams.schema.Market;
import io.marketstreams.schema.MarketResolution;
import io.marketstreams.schema.MarketSnapshot;
import io.marketstreams.schema.MarketState;
import io.marketstreams.schema.MarketStateChange;
import io.marketstreams.schema.MarketUpdate;
import io.marketstreams.schema.OrderBookDelta;
import io.marketstreams.schema.OrderBookSnapshot;
import io.marketstreams.schema.ResolutionConfidence;
import io.marketstreams.schema.SnapshotReason;
import io.marketstreams.schema.Trade;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The catalog and lifecycle rules and the five cross-stream invariants of the spec, checked on
 * decoded output records (each list in per-key emission order, as read from the topics):
 *
 * <ol>
 *   <li>events outlive markets: every market's (and market resolution's) event_id was discovered on
 *       {@code events.discovered}; events are discovered with revisions 1, 2, 3, ...;
 *   <li>markets outlive order books: every book record and trade is about a discovered market;
 *       markets are discovered once; metadata revisions run 1, 2, 3, ...;
 *   <li>books reset only via snapshots ({@link BookRules}), and nothing follows a book's CLOSED
 *       snapshot;
 *   <li>trades never mutate (trade ids unique, checked with the trades), and no trade happens after
 *       its market left OPEN for good (venue time after the first RESOLVED transition);
 *   <li>resolution is terminal except for disputes: per market, state_sequence runs 1, 2, 3, ...
 *       from the discovered initial state, every transition is in the table, resolution revisions
 *       run 1, 2, 3, ..., nothing follows a FINAL resolution, and a resolution that changes the
 *       result follows a DISPUTED transition; per event, events.resolved revisions run 1, 2, 3, ...
 *       and nothing follows FINAL.
 * </ol>
 *
 * Market snapshots must state the state their state_sequence implies.
 */
public final class LifecycleRules {
    private LifecycleRules() {}

    /** All lifecycle-related output of one run. */
    public record Streams(
            List<Event> events,
            List<EventResolution> eventResolutions,
            List<Market> markets,
            List<MarketSnapshot> marketSnapshots,
            List<MarketUpdate> marketUpdates,
            List<MarketStateChange> marketStates,
            List<MarketResolution> marketResolutions,
            List<OrderBookSnapshot> bookSnapshots,
            List<OrderBookDelta> bookDeltas,
            List<Trade> trades) {}

    /** Adds a line to {@code violations} for every broken rule. */
    public static void check(Streams s, List<String> violations) {
        Map<String, Integer> eventRevision = new HashMap<>();
        for (Event e : s.events()) {
            int expected = eventRevision.getOrDefault(e.getEventId(), 0) + 1;
            if (e.getRevision() != expected) {
                violations.add(
                        "event "
                                + e.getEventId()
                                + " revision "
                                + e.getRevision()
                                + ", "
                                + expected
                                + " due");
            }
            eventRevision.put(e.getEventId(), e.getRevision());
        }
        Map<String, Market> markets = new HashMap<>();
        for (Market m : s.markets()) {
            if (markets.put(m.getMarketId(), m) != null) {
                violations.add("market " + m.getMarketId() + " discovered twice");
            }
            if (!eventRevision.containsKey(m.getEventId())) {
                violations.add(
                        "market "
                                + m.getMarketId()
                                + " discovered, its event "
                                + m.getEventId()
                                + " never");
            }
        }
        Map<String, Long> metadataRevision = new HashMap<>();
        for (MarketUpdate u : s.marketUpdates()) {
            requireMarket(markets, u.getMarketId(), "markets.updated", violations);
            long expected = metadataRevision.getOrDefault(u.getMarketId(), 0L) + 1;
            if (u.getRevision() != expected || u.getFieldMask().isEmpty()) {
                violations.add(
                        "market "
                                + u.getMarketId()
                                + " update revision "
                                + u.getRevision()
                                + " (due "
                                + expected
                                + ") or empty mask");
            }
            metadataRevision.put(u.getMarketId(), u.getRevision());
            if (u.getEventId() != null && !eventRevision.containsKey(u.getEventId())) {
                violations.add(
                        "market "
                                + u.getMarketId()
                                + " moved to undiscovered event "
                                + u.getEventId());
            }
        }

        // States: contiguous, legal, starting from the discovered initial state.
        Map<String, MarketState> state = new HashMap<>();
        Map<String, Long> stateSequence = new HashMap<>();
        Map<String, List<MarketState>> statesBySequence = new HashMap<>();
        Map<String, Long> firstResolvedTime = new HashMap<>();
        Map<String, List<Long>> disputeTimes = new HashMap<>();
        for (Market m : markets.values()) {
            state.put(m.getMarketId(), m.getInitialState());
            statesBySequence
                    .computeIfAbsent(m.getMarketId(), k -> new ArrayList<>())
                    .add(m.getInitialState());
        }
        for (MarketStateChange c : s.marketStates()) {
            String id = c.getMarketId();
            if (!requireMarket(markets, id, "market.state.updated", violations)) {
                continue;
            }
            long expected = stateSequence.getOrDefault(id, 0L) + 1;
            if (c.getStateSequence() != expected) {
                violations.add(
                        "market "
                                + id
                                + " state_sequence "
                                + c.getStateSequence()
                                + ", "
                                + expected
                                + " due");
            }
            stateSequence.put(id, c.getStateSequence());
            if (c.getPreviousState() != state.get(id)) {
                violations.add(
                        "market "
                                + id
                                + " transition from "
                                + c.getPreviousState()
                                + " but it was "
                                + state.get(id));
            }
            if (!allowed(c.getPreviousState(), c.getNewState())) {
                violations.add(
                        "market "
                                + id
                                + " illegal transition "
                                + c.getPreviousState()
                                + " -> "
                                + c.getNewState());
            }
            state.put(id, c.getNewState());
            statesBySequence.get(id).add(c.getNewState());
            if (c.getNewState() == MarketState.RESOLVED) {
                firstResolvedTime.putIfAbsent(id, c.getTimestamp());
            }
            if (c.getNewState() == MarketState.DISPUTED) {
                disputeTimes.computeIfAbsent(id, k -> new ArrayList<>()).add(c.getTimestamp());
            }
        }

        Map<String, MarketResolution> lastResolution = new HashMap<>();
        for (MarketResolution r : s.marketResolutions()) {
            String id = r.getMarketId();
            if (!requireMarket(markets, id, "markets.resolved", violations)) {
                continue;
            }
            if (!eventRevision.containsKey(r.getEventId())) {
                violations.add(
                        "market " + id + " resolved under undiscovered event " + r.getEventId());
            }
            MarketResolution previous = lastResolution.get(id);
            int expected = previous == null ? 1 : previous.getRevision() + 1;
            if (r.getRevision() != expected) {
                violations.add(
                        "market "
                                + id
                                + " resolution revision "
                                + r.getRevision()
                                + ", "
                                + expected
                                + " due");
            }
            if (previous != null) {
                if (previous.getConfidenceLevel() == ResolutionConfidence.FINAL) {
                    violations.add("market " + id + " resolved again after a FINAL resolution");
                }
                boolean changed =
                        !Objects.equals(previous.getResolvedOutcomeId(), r.getResolvedOutcomeId())
                                || !previous.getPayouts().equals(r.getPayouts());
                boolean disputedBetween =
                        disputeTimes.getOrDefault(id, List.of()).stream()
                                .anyMatch(
                                        t ->
                                                t >= previous.getResolutionTime()
                                                        && t <= r.getResolutionTime());
                if (changed && !disputedBetween) {
                    violations.add("market " + id + " changed its resolution without a dispute");
                }
            }
            lastResolution.put(id, r);
        }

        for (MarketSnapshot snap : s.marketSnapshots()) {
            String id = snap.getMarketId();
            if (!requireMarket(markets, id, "markets.snapshots", violations)) {
                continue;
            }
            List<MarketState> states = statesBySequence.get(id);
            long seq = snap.getStateSequence();
            if (seq >= states.size() || states.get((int) seq) != snap.getMarketState()) {
                violations.add(
                        "market "
                                + id
                                + " snapshot says "
                                + snap.getMarketState()
                                + " at state_sequence "
                                + seq);
            }
        }

        Set<String> closedBooks = new HashSet<>();
        for (OrderBookSnapshot b : s.bookSnapshots()) {
            String key = b.getMarketId() + "|" + b.getOutcomeId();
            requireMarket(markets, b.getMarketId(), "orders.snapshot", violations);
            if (closedBooks.contains(key)) {
                violations.add("book " + key + " has a snapshot after its CLOSED snapshot");
            }
            if (b.getReason() == SnapshotReason.CLOSED) {
                closedBooks.add(key);
            }
        }
        Map<String, Long> closedAt = new HashMap<>();
        for (OrderBookSnapshot b : s.bookSnapshots()) {
            if (b.getReason() == SnapshotReason.CLOSED) {
                closedAt.put(b.getMarketId() + "|" + b.getOutcomeId(), b.getSequenceStart());
            }
        }
        for (OrderBookDelta d : s.bookDeltas()) {
            String key = d.getMarketId() + "|" + d.getOutcomeId();
            requireMarket(markets, d.getMarketId(), "orders.delta", violations);
            Long closed = closedAt.get(key);
            if (closed != null && d.getSequenceNumber() > closed) {
                violations.add(
                        "book "
                                + key
                                + " has delta "
                                + d.getSequenceNumber()
                                + " after CLOSED at "
                                + closed);
            }
        }
        for (Trade t : s.trades()) {
            requireMarket(markets, t.getMarketId(), "trades.executed", violations);
            Long resolved = firstResolvedTime.get(t.getMarketId());
            if (resolved != null && t.getTimestamp() > resolved) {
                violations.add("trade " + t.getTradeId() + " after its market resolved");
            }
        }

        Map<String, EventResolution> lastEvent = new HashMap<>();
        for (EventResolution r : s.eventResolutions()) {
            if (!eventRevision.containsKey(r.getEventId())) {
                violations.add("event " + r.getEventId() + " resolved but never discovered");
            }
            EventResolution previous = lastEvent.get(r.getEventId());
            int expected = previous == null ? 1 : previous.getRevision() + 1;
            if (r.getRevision() != expected) {
                violations.add(
                        "event "
                                + r.getEventId()
                                + " resolution revision "
                                + r.getRevision()
                                + ", "
                                + expected
                                + " due");
            }
            if (previous != null && previous.getFinalityStatus() == FinalityStatus.FINAL) {
                violations.add("event " + r.getEventId() + " resolution changed after FINAL");
            }
            lastEvent.put(r.getEventId(), r);
        }
    }

    private static boolean requireMarket(
            Map<String, Market> markets, String marketId, String stream, List<String> violations) {
        if (!markets.containsKey(marketId)) {
            violations.add(stream + " record for undiscovered market " + marketId);
            return false;
        }
        return true;
    }

    /** The transition table of docs/contract.md, restated independently of the job's code. */
    static boolean allowed(MarketState from, MarketState to) {
        return switch (from) {
            case PRE_OPEN -> to == MarketState.OPEN;
            case OPEN -> to == MarketState.HALTED || to == MarketState.RESOLVED;
            case HALTED ->
                    to == MarketState.OPEN
                            || to == MarketState.HALTED
                            || to == MarketState.RESOLVED;
            case RESOLVED -> to == MarketState.DISPUTED;
            case DISPUTED -> to == MarketState.RESOLVED;
        };
    }
}
