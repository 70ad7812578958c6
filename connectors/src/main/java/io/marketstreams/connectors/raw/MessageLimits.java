package io.marketstreams.connectors.raw;

import io.marketstreams.schema.BookSide;
import io.marketstreams.schema.Outcome;
import io.marketstreams.schema.OutcomePayout;
import io.marketstreams.schema.ReasonCode;
import io.marketstreams.schema.venue.BookDelta;
import io.marketstreams.schema.venue.BookSnapshot;
import io.marketstreams.schema.venue.EventInfo;
import io.marketstreams.schema.venue.Ladder;
import io.marketstreams.schema.venue.LevelUpdate;
import io.marketstreams.schema.venue.MarketInfo;
import io.marketstreams.schema.venue.MarketStatus;
import io.marketstreams.schema.venue.Resolution;
import io.marketstreams.schema.venue.TradeReport;
import io.marketstreams.schema.venue.VenueMessage;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@link InputLimits} on what a frame's messages carry, checked once for every venue on the
 * messages its parser made: ids no longer than {@code maxIdLength}, at most {@code maxTextLength}
 * characters of text, at most {@code maxOutcomesPerMarket} outcomes (and payouts), book ladders of
 * at most {@code maxLevelsPerSide} levels and deltas touching at most twice that many on one side.
 * The ids are checked first, so a rejection that names a book names a bounded id. Details never
 * repeat an offending value whole.
 */
final class MessageLimits {
    private final InputLimits limits;

    MessageLimits(InputLimits limits) {
        this.limits = limits;
    }

    /** The first limit the messages break, as the frame's rejection; null when none. */
    ParsedFrame.Rejected check(List<VenueMessage> messages) {
        for (int i = 0; i < messages.size(); i++) {
            ParsedFrame.Rejected r = check(messages.get(i).getPayload());
            if (r != null) {
                String where = messages.size() == 1 ? "" : "message " + i + ": ";
                String prefix = r.reason() == ReasonCode.LEVEL_LIMIT ? "" : InputLimits.EXCEEDED;
                return new ParsedFrame.Rejected(
                        r.reason(), prefix + where + r.detail(), r.bookMarketId());
            }
        }
        return null;
    }

    private ParsedFrame.Rejected check(Object payload) {
        if (payload instanceof EventInfo e) {
            return first(
                    id("venue_event_id", e.getVenueEventId()),
                    text(
                            e.getEventTags(),
                            e.getEventName(),
                            e.getEventDescription(),
                            e.getEventType(),
                            e.getEventCategory(),
                            e.getResolutionSource()));
        }
        if (payload instanceof MarketInfo m) {
            return market(m);
        }
        if (payload instanceof MarketStatus s) {
            return first(
                    id("venue_market_id", s.getVenueMarketId()),
                    text(List.of(), s.getVenueStatus(), s.getDetail()));
        }
        if (payload instanceof BookSnapshot s) {
            return snapshot(s);
        }
        if (payload instanceof BookDelta d) {
            return delta(d);
        }
        if (payload instanceof TradeReport t) {
            return first(
                    id("venue_trade_id", t.getVenueTradeId()),
                    id("venue_market_id", t.getVenueMarketId()),
                    id("outcome_id", t.getOutcomeId()),
                    id("maker_order_id", t.getMakerOrderId()),
                    id("taker_order_id", t.getTakerOrderId()));
        }
        if (payload instanceof Resolution r) {
            return resolution(r);
        }
        return null;
    }

    private ParsedFrame.Rejected market(MarketInfo m) {
        ParsedFrame.Rejected r =
                first(
                        id("venue_market_id", m.getVenueMarketId()),
                        id("venue_event_id", m.getVenueEventId()),
                        outcomes("outcomes", m.getOutcomes().size()),
                        text(
                                m.getOutcomes().stream().map(Outcome::getOutcomeName).toList(),
                                m.getMarketDescription(),
                                m.getSettlementRule(),
                                m.getVenueStatus()));
        for (int i = 0; r == null && i < m.getOutcomes().size(); i++) {
            Outcome o = m.getOutcomes().get(i);
            r =
                    first(
                            id("outcomes[" + i + "].outcome_id", o.getOutcomeId()),
                            id("outcomes[" + i + "].venue_outcome_id", o.getVenueOutcomeId()));
        }
        return r;
    }

    private ParsedFrame.Rejected resolution(Resolution res) {
        ParsedFrame.Rejected r =
                first(
                        id("venue_market_id", res.getVenueMarketId()),
                        id("resolved_outcome_id", res.getResolvedOutcomeId()),
                        outcomes("payouts", res.getPayouts().size()),
                        text(List.of(), res.getVenueStatus(), res.getResolutionSource()));
        for (int i = 0; r == null && i < res.getPayouts().size(); i++) {
            OutcomePayout p = res.getPayouts().get(i);
            r = id("payouts[" + i + "].outcome_id", p.getOutcomeId());
        }
        return r;
    }

    private ParsedFrame.Rejected snapshot(BookSnapshot s) {
        ParsedFrame.Rejected r = id("venue_market_id", s.getVenueMarketId());
        Set<String> outcomes = new HashSet<>();
        for (int i = 0; r == null && i < s.getLadders().size(); i++) {
            Ladder ladder = s.getLadders().get(i);
            r = id("ladders[" + i + "].outcome_id", ladder.getOutcomeId());
            if (r == null && outcomes.add(ladder.getOutcomeId())) {
                r = outcomes("ladders", outcomes.size());
            }
            if (r == null && ladder.getLevels().size() > limits.maxLevelsPerSide()) {
                r =
                        levels(
                                s.getVenueMarketId(),
                                "ladders[" + i + "] (" + ladder.getSide() + ")",
                                ladder.getLevels().size(),
                                limits.maxLevelsPerSide());
            }
        }
        return r;
    }

    private ParsedFrame.Rejected delta(BookDelta d) {
        ParsedFrame.Rejected r = id("venue_market_id", d.getVenueMarketId());
        // Changes per (outcome, side): at most twice the outcome limit of entries, checked first.
        Set<String> outcomes = new HashSet<>();
        Map<String, Integer> perSide = new HashMap<>();
        int maxChanges = 2 * limits.maxLevelsPerSide();
        for (int i = 0; r == null && i < d.getChanges().size(); i++) {
            LevelUpdate u = d.getChanges().get(i);
            r = id("changes[" + i + "].outcome_id", u.getOutcomeId());
            if (r == null && outcomes.add(u.getOutcomeId())) {
                r = outcomes("changes", outcomes.size());
            }
            if (r != null) {
                break;
            }
            String book = u.getOutcomeId() + (u.getSide() == BookSide.BID ? " BID" : " ASK");
            int n = perSide.merge(book, 1, Integer::sum);
            if (n > maxChanges) {
                r = levels(d.getVenueMarketId(), "changes of " + book, n, maxChanges);
            }
        }
        return r;
    }

    private ParsedFrame.Rejected id(String field, String value) {
        if (value == null || value.length() <= limits.maxIdLength()) {
            return null;
        }
        return new ParsedFrame.Rejected(
                ReasonCode.MALFORMED,
                field
                        + " of "
                        + value.length()
                        + " characters ('"
                        + value.substring(0, Math.min(20, value.length()))
                        + "...') is longer than the limit of "
                        + limits.maxIdLength());
    }

    /**
     * The free text of one message: each text counts its length plus one, so a list of many empty
     * tags is bounded too.
     */
    private ParsedFrame.Rejected text(List<String> list, String... fields) {
        long total = 0;
        for (String t : list) {
            total += t == null ? 1 : t.length() + 1L;
        }
        for (String t : fields) {
            total += t == null ? 0 : t.length() + 1L;
        }
        if (total <= limits.maxTextLength()) {
            return null;
        }
        return new ParsedFrame.Rejected(
                ReasonCode.MALFORMED,
                "text of "
                        + total
                        + " characters (its texts and tags, each plus one) is longer than the"
                        + " limit of "
                        + limits.maxTextLength());
    }

    private ParsedFrame.Rejected outcomes(String what, int count) {
        if (count <= limits.maxOutcomesPerMarket()) {
            return null;
        }
        return new ParsedFrame.Rejected(
                ReasonCode.MALFORMED,
                what
                        + ": more than the limit of "
                        + limits.maxOutcomesPerMarket()
                        + " outcomes per market");
    }

    private static ParsedFrame.Rejected levels(String market, String where, int n, int limit) {
        return new ParsedFrame.Rejected(
                ReasonCode.LEVEL_LIMIT,
                where + " has " + n + " levels, more than the limit of " + limit,
                market);
    }

    private static ParsedFrame.Rejected first(ParsedFrame.Rejected... checks) {
        for (ParsedFrame.Rejected r : checks) {
            if (r != null) {
                return r;
            }
        }
        return null;
    }
}
