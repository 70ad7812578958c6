package io.marketstreams.connectors.raw;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketstreams.schema.BookSide;
import io.marketstreams.schema.MarketType;
import io.marketstreams.schema.Outcome;
import io.marketstreams.schema.OutcomePayout;
import io.marketstreams.schema.ReasonCode;
import io.marketstreams.schema.venue.BookDelta;
import io.marketstreams.schema.venue.EventInfo;
import io.marketstreams.schema.venue.LevelUpdate;
import io.marketstreams.schema.venue.MarketInfo;
import io.marketstreams.schema.venue.Resolution;
import io.marketstreams.schema.venue.UpdateKind;
import io.marketstreams.schema.venue.VenueMessage;
import io.marketstreams.testkit.VenueMessages;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The limits every venue's parser gets from {@link LimitedFrameParser}, on a venue parser that
 * returns given messages: what an oversized frame, too many outcomes, payouts or delta changes, and
 * too long an id become.
 */
class LimitedFrameParserTest {
    private static final InputLimits LIMITS = new InputLimits(1000, 8, 20, 16, 60, 3, 4);

    private final AtomicInteger venueParses = new AtomicInteger();

    private ParsedFrame parse(int frameBytes, Object... payloads) {
        List<VenueMessage> messages = new ArrayList<>();
        for (Object payload : payloads) {
            messages.add(
                    VenueMessage.newBuilder()
                            .setVenueId("v")
                            .setVenueEventTime(1L)
                            .setIngestTime(2L)
                            .setPayload(payload)
                            .build());
        }
        FrameParser venue =
                frame -> {
                    venueParses.incrementAndGet();
                    return new ParsedFrame.Messages(messages);
                };
        return new LimitedFrameParser(LIMITS, venue)
                .parse(new RawFrame("v", "c", 2L, new byte[frameBytes]));
    }

    private static MarketInfo market(int outcomes) {
        List<Outcome> list = new ArrayList<>();
        for (int i = 0; i < outcomes; i++) {
            list.add(new Outcome("O" + i, "Outcome " + i, null));
        }
        return MarketInfo.newBuilder(VenueMessages.binaryMarket("M", "E", "?", "active"))
                .setMarketType(MarketType.CATEGORICAL)
                .setOutcomes(list)
                .build();
    }

    private static BookDelta delta(int changesPerSide, int outcomes) {
        List<LevelUpdate> changes = new ArrayList<>();
        for (int o = 0; o < outcomes; o++) {
            for (int i = 0; i < changesPerSide; i++) {
                changes.add(
                        new LevelUpdate(
                                "O" + o, BookSide.ASK, 10_000L * (i + 1), 5L, UpdateKind.ABSOLUTE));
            }
        }
        return new BookDelta("M", changes);
    }

    @Test
    void anOversizedFrameNeverReachesTheVenueParser() {
        ParsedFrame r = parse(1001);

        assertThat(r)
                .isEqualTo(
                        new ParsedFrame.Rejected(
                                ReasonCode.MALFORMED,
                                "limit exceeded: frame of 1001 bytes is larger than the limit of"
                                        + " 1000"));
        assertThat(venueParses).hasValue(0);
        assertThat(parse(1000, market(2))).isInstanceOf(ParsedFrame.Messages.class);
        assertThat(venueParses).hasValue(1);
    }

    @Test
    void outcomesAndPayoutsAreBoundedPerMarket() {
        Resolution resolution =
                Resolution.newBuilder()
                        .setVenueMarketId("M")
                        .setResolvedOutcomeId("O1")
                        .setVenueStatus("determined")
                        .setPayouts(
                                List.of(
                                        new OutcomePayout("O0", 0L),
                                        new OutcomePayout("O1", 1L),
                                        new OutcomePayout("O2", 0L),
                                        new OutcomePayout("O3", 0L)))
                        .build();

        assertThat(parse(10, market(3))).isInstanceOf(ParsedFrame.Messages.class);
        assertThat(parse(10, market(4)))
                .isEqualTo(
                        new ParsedFrame.Rejected(
                                ReasonCode.MALFORMED,
                                "limit exceeded: outcomes: more than the limit of 3 outcomes per"
                                        + " market"));
        assertThat(((ParsedFrame.Rejected) parse(10, resolution)).detail())
                .isEqualTo("limit exceeded: payouts: more than the limit of 3 outcomes per market");
    }

    @Test
    void aDeltaMayReplaceASideButNotTouchMoreAndNamesItsBook() {
        assertThat(parse(10, delta(8, 3))).isInstanceOf(ParsedFrame.Messages.class);
        assertThat(parse(10, delta(9, 1)))
                .isEqualTo(
                        new ParsedFrame.Rejected(
                                ReasonCode.LEVEL_LIMIT,
                                "changes of O0 ASK has 9 levels, more than the limit of 8",
                                "M"));
        assertThat(((ParsedFrame.Rejected) parse(10, delta(1, 4))).detail())
                .startsWith(InputLimits.EXCEEDED);
    }

    @Test
    void freeTextIsBoundedPerMessageTagsIncluded() {
        EventInfo event =
                EventInfo.newBuilder().setVenueEventId("E").setEventName("x".repeat(59)).build();
        List<String> emptyTags = Collections.nCopies(61, "");

        assertThat(parse(10, event)).isInstanceOf(ParsedFrame.Messages.class);
        assertThat(parse(10, EventInfo.newBuilder(event).setEventName("x".repeat(60)).build()))
                .isEqualTo(
                        new ParsedFrame.Rejected(
                                ReasonCode.MALFORMED,
                                "limit exceeded: text of 61 characters (its texts and tags, each"
                                        + " plus one) is longer than the limit of 60"));
        assertThat(
                        ((ParsedFrame.Rejected)
                                        parse(
                                                10,
                                                EventInfo.newBuilder(event)
                                                        .setEventName("")
                                                        .setEventTags(emptyTags)
                                                        .build()))
                                .detail())
                .startsWith(InputLimits.EXCEEDED);
        assertThat(
                        parse(
                                10,
                                MarketInfo.newBuilder(market(2))
                                        .setSettlementRule("r".repeat(60))
                                        .build()))
                .isInstanceOf(ParsedFrame.Rejected.class);
    }

    @Test
    void longIdsAreRefusedByFieldWithoutRepeatingThem() {
        EventInfo event =
                EventInfo.newBuilder()
                        .setVenueEventId("Z".repeat(5000))
                        .setEventName("Rain?")
                        .build();

        ParsedFrame.Rejected r = (ParsedFrame.Rejected) parse(10, market(1), event);

        assertThat(r)
                .isEqualTo(
                        new ParsedFrame.Rejected(
                                ReasonCode.MALFORMED,
                                "limit exceeded: message 1: venue_event_id of 5000 characters ('"
                                        + "Z".repeat(20)
                                        + "...') is longer than the limit of 16"));
        assertThat(parse(10, EventInfo.newBuilder(event).setVenueEventId("Z".repeat(16)).build()))
                .isInstanceOf(ParsedFrame.Messages.class);
    }
}
