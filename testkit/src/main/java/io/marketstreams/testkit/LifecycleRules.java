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
import io.marketstreams.testkit.Violation.Rule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

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
 *       and nothing follows FINAL; no dispute follows a FINAL resolution (a DISPUTED transition at
 *       a venue time after it: the job judges lifecycle input older than the last change stale, so
 *       such a dispute cannot have come first).
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
        Violations found = new Violations();
        check(s, found);
        violations.addAll(found.lines());
    }

    /** Adds a violation for every broken rule. */
    public static void check(Streams s, Violations violations) {
        Run run = new Run(violations);
        run.events(s.events());
        run.markets(s.markets());
        run.updates(s.marketUpdates());
        run.states(s.marketStates());
        run.resolutions(s.marketResolutions());
        run.disputesAfterFinal();
        run.snapshots(s.marketSnapshots());
        run.books(s.bookSnapshots(), s.bookDeltas());
        run.trades(s.trades());
        run.eventResolutions(s.eventResolutions());
    }

    /** What one check has learnt so far, stream by stream. */
    private static final class Run {
        private final Violations violations;
        private final Map<String, Integer> eventRevision = new HashMap<>();
        private final Map<String, Market> markets = new HashMap<>();
        private final Map<String, List<MarketState>> statesBySequence = new HashMap<>();
        private final Map<String, Long> firstResolvedTime = new HashMap<>();
        private final Map<String, List<Long>> disputeTimes = new HashMap<>();
        private final Map<String, Long> finalTime = new HashMap<>();

        Run(Violations violations) {
            this.violations = violations;
        }

        void events(List<Event> events) {
            for (Event e : events) {
                violations.expectNext(
                        Rule.EVENT_REVISION,
                        "event " + e.getEventId() + " revision",
                        e.getRevision(),
                        eventRevision.getOrDefault(e.getEventId(), 0));
                eventRevision.put(e.getEventId(), e.getRevision());
            }
        }

        void markets(List<Market> discovered) {
            for (Market m : discovered) {
                if (markets.put(m.getMarketId(), m) != null) {
                    violations.add(
                            Rule.MARKET_DISCOVERED_TWICE,
                            "market " + m.getMarketId() + " discovered twice");
                }
                if (!eventRevision.containsKey(m.getEventId())) {
                    violations.add(
                            Rule.MARKET_BEFORE_EVENT,
                            "market %s discovered, its event %s never"
                                    .formatted(m.getMarketId(), m.getEventId()));
                }
            }
            for (Market m : markets.values()) {
                statesBySequence
                        .computeIfAbsent(m.getMarketId(), k -> new ArrayList<>())
                        .add(m.getInitialState());
            }
        }

        void updates(List<MarketUpdate> updates) {
            Map<String, Long> metadataRevision = new HashMap<>();
            for (MarketUpdate u : updates) {
                requireMarket(u.getMarketId(), "markets.updated");
                violations.expectNext(
                        Rule.MARKET_UPDATE_REVISION,
                        "market " + u.getMarketId() + " update revision",
                        u.getRevision(),
                        metadataRevision.getOrDefault(u.getMarketId(), 0L));
                if (u.getFieldMask().isEmpty()) {
                    violations.add(
                            Rule.MARKET_UPDATE_REVISION,
                            "market %s update revision %d with an empty field mask"
                                    .formatted(u.getMarketId(), u.getRevision()));
                }
                metadataRevision.put(u.getMarketId(), u.getRevision());
                if (u.getEventId() != null && !eventRevision.containsKey(u.getEventId())) {
                    violations.add(
                            Rule.MARKET_BEFORE_EVENT,
                            "market %s moved to undiscovered event %s"
                                    .formatted(u.getMarketId(), u.getEventId()));
                }
            }
        }

        /** States: contiguous, legal, starting from the discovered initial state. */
        void states(List<MarketStateChange> changes) {
            Map<String, Long> stateSequence = new HashMap<>();
            for (MarketStateChange c :
                    ofDiscovered(changes, MarketStateChange::getMarketId, "market.state.updated")) {
                String id = c.getMarketId();
                violations.expectNext(
                        Rule.STATE_SEQUENCE,
                        "market " + id + " state_sequence",
                        c.getStateSequence(),
                        stateSequence.getOrDefault(id, 0L));
                stateSequence.put(id, c.getStateSequence());
                List<MarketState> states = statesBySequence.get(id);
                MarketState current = states.get(states.size() - 1);
                if (c.getPreviousState() != current) {
                    violations.add(
                            Rule.STATE_PREVIOUS,
                            "market %s transition from %s but it was %s"
                                    .formatted(id, c.getPreviousState(), current));
                }
                if (!allowed(c.getPreviousState(), c.getNewState())) {
                    violations.add(
                            Rule.ILLEGAL_TRANSITION,
                            "market %s illegal transition %s -> %s"
                                    .formatted(id, c.getPreviousState(), c.getNewState()));
                }
                states.add(c.getNewState());
                if (c.getNewState() == MarketState.RESOLVED) {
                    firstResolvedTime.putIfAbsent(id, c.getTimestamp());
                }
                if (c.getNewState() == MarketState.DISPUTED) {
                    disputeTimes.computeIfAbsent(id, k -> new ArrayList<>()).add(c.getTimestamp());
                }
            }
        }

        void resolutions(List<MarketResolution> resolutions) {
            Map<String, MarketResolution> lastResolution = new HashMap<>();
            for (MarketResolution r :
                    ofDiscovered(resolutions, MarketResolution::getMarketId, "markets.resolved")) {
                String id = r.getMarketId();
                if (!eventRevision.containsKey(r.getEventId())) {
                    violations.add(
                            Rule.MARKET_BEFORE_EVENT,
                            "market %s resolved under undiscovered event %s"
                                    .formatted(id, r.getEventId()));
                }
                MarketResolution previous = lastResolution.get(id);
                violations.expectNext(
                        Rule.RESOLUTION_REVISION,
                        "market " + id + " resolution revision",
                        r.getRevision(),
                        previous == null ? 0 : previous.getRevision());
                if (previous != null) {
                    resolutionChange(previous, r);
                }
                if (r.getConfidenceLevel() == ResolutionConfidence.FINAL) {
                    finalTime.putIfAbsent(id, r.getResolutionTime());
                }
                lastResolution.put(id, r);
            }
        }

        private void resolutionChange(MarketResolution previous, MarketResolution r) {
            String id = r.getMarketId();
            if (previous.getConfidenceLevel() == ResolutionConfidence.FINAL) {
                violations.add(
                        Rule.MARKET_CHANGE_AFTER_FINAL,
                        "market " + id + " resolved again after a FINAL resolution");
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
                violations.add(
                        Rule.RESOLUTION_CHANGED_WITHOUT_DISPUTE,
                        "market " + id + " changed its resolution without a dispute");
            }
        }

        void disputesAfterFinal() {
            finalTime.forEach(
                    (id, time) -> {
                        for (long t : disputeTimes.getOrDefault(id, List.of())) {
                            if (t > time) {
                                violations.add(
                                        Rule.MARKET_CHANGE_AFTER_FINAL,
                                        "market %s disputed at %d after its FINAL resolution at %d"
                                                .formatted(id, t, time));
                            }
                        }
                    });
        }

        void snapshots(List<MarketSnapshot> snapshots) {
            for (MarketSnapshot snap :
                    ofDiscovered(snapshots, MarketSnapshot::getMarketId, "markets.snapshots")) {
                String id = snap.getMarketId();
                List<MarketState> states = statesBySequence.get(id);
                long seq = snap.getStateSequence();
                if (seq < 0
                        || seq >= states.size()
                        || states.get((int) seq) != snap.getMarketState()) {
                    violations.add(
                            Rule.MARKET_SNAPSHOT_STATE,
                            "market %s snapshot says %s at state_sequence %d"
                                    .formatted(id, snap.getMarketState(), seq));
                }
            }
        }

        void books(List<OrderBookSnapshot> snapshots, List<OrderBookDelta> deltas) {
            Map<String, Long> closedAt = new HashMap<>();
            for (OrderBookSnapshot b : snapshots) {
                String key = b.getMarketId() + "|" + b.getOutcomeId();
                requireMarket(b.getMarketId(), "orders.snapshot");
                if (closedAt.containsKey(key)) {
                    violations.add(
                            Rule.BOOK_AFTER_CLOSED,
                            "book " + key + " has a snapshot after its CLOSED snapshot");
                }
                if (b.getReason() == SnapshotReason.CLOSED) {
                    closedAt.putIfAbsent(key, b.getSequenceStart());
                }
            }
            for (OrderBookDelta d : deltas) {
                String key = d.getMarketId() + "|" + d.getOutcomeId();
                requireMarket(d.getMarketId(), "orders.delta");
                Long closed = closedAt.get(key);
                if (closed != null && d.getSequenceNumber() > closed) {
                    violations.add(
                            Rule.BOOK_AFTER_CLOSED,
                            "book %s has delta %d after CLOSED at %d"
                                    .formatted(key, d.getSequenceNumber(), closed));
                }
            }
        }

        void trades(List<Trade> trades) {
            for (Trade t : trades) {
                requireMarket(t.getMarketId(), "trades.executed");
                Long resolved = firstResolvedTime.get(t.getMarketId());
                if (resolved != null && t.getTimestamp() > resolved) {
                    violations.add(
                            Rule.TRADE_AFTER_RESOLUTION,
                            "trade " + t.getTradeId() + " after its market resolved");
                }
            }
        }

        void eventResolutions(List<EventResolution> resolutions) {
            Map<String, Integer> revision = new HashMap<>();
            Set<String> finalEvents = new HashSet<>();
            for (EventResolution r : resolutions) {
                String id = r.getEventId();
                if (!eventRevision.containsKey(id)) {
                    violations.add(
                            Rule.EVENT_RESOLUTION_BEFORE_EVENT,
                            "event " + id + " resolved but never discovered");
                }
                violations.expectNext(
                        Rule.EVENT_RESOLUTION_REVISION,
                        "event " + id + " resolution revision",
                        r.getRevision(),
                        revision.getOrDefault(id, 0));
                revision.put(id, r.getRevision());
                if (finalEvents.contains(id)) {
                    violations.add(
                            Rule.EVENT_RESOLUTION_AFTER_FINAL,
                            "event " + id + " resolution changed after FINAL");
                }
                if (r.getFinalityStatus() == FinalityStatus.FINAL) {
                    finalEvents.add(id);
                }
            }
        }

        /** The records about discovered markets; the others are reported. */
        private <T> List<T> ofDiscovered(
                List<T> records, Function<T, String> marketId, String stream) {
            return records.stream().filter(r -> requireMarket(marketId.apply(r), stream)).toList();
        }

        private boolean requireMarket(String marketId, String stream) {
            if (!markets.containsKey(marketId)) {
                violations.add(
                        Rule.RECORD_BEFORE_MARKET,
                        stream + " record for undiscovered market " + marketId);
                return false;
            }
            return true;
        }
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
