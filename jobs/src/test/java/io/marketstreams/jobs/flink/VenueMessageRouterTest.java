package io.marketstreams.jobs.flink;

import static io.marketstreams.jobs.flink.OperatorInputs.CENT;
import static io.marketstreams.jobs.flink.OperatorInputs.CONTRACT;
import static io.marketstreams.jobs.flink.OperatorInputs.T0;
import static io.marketstreams.jobs.flink.OperatorInputs.fedEvent;
import static io.marketstreams.jobs.flink.OperatorInputs.kalshi;
import static io.marketstreams.jobs.flink.OperatorInputs.level;
import static org.assertj.core.api.Assertions.assertThat;

import io.marketstreams.connectors.kalshi.KalshiFrames;
import io.marketstreams.schema.Quarantined;
import io.marketstreams.schema.ReasonCode;
import io.marketstreams.schema.TakerSide;
import io.marketstreams.schema.venue.BookSnapshot;
import io.marketstreams.schema.venue.EventInfo;
import io.marketstreams.schema.venue.MarketInfo;
import io.marketstreams.schema.venue.TradeReport;
import io.marketstreams.schema.venue.VenueMessage;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.types.Either;
import org.junit.jupiter.api.Test;

/**
 * The {@code venue-message-router} stage (not keyed) in Flink's one-input harness: every record is
 * counted once, undecodable ones are quarantined with their reason, and each decoded message
 * reaches the stages its payload is for — events the catalog only, market infos both stages, the
 * rest the market stage only.
 */
class VenueMessageRouterTest {

    private static List<VenueMessage> payloads(List<IngestedMessage> messages) {
        return messages.stream().map(m -> m.message).toList();
    }

    @Test
    void everyRecordIsCountedAndRoutedByItsPayload() throws Exception {
        List<IngestedMessage> decoded =
                OperatorInputs.messages(
                        fedEvent(0, "Fed in December", "HOLD", "CUT"),
                        kalshi(
                                1,
                                KalshiFrames.orderbookSnapshot(
                                        1,
                                        1,
                                        "KXFED-25DEC-HOLD",
                                        List.of(level(30, 5)),
                                        List.of())),
                        kalshi(
                                2,
                                KalshiFrames.trade(
                                        2,
                                        1L,
                                        "t1",
                                        "KXFED-25DEC-HOLD",
                                        30 * CENT,
                                        CONTRACT,
                                        TakerSide.BUY,
                                        T0)));
        assertThat(decoded)
                .extracting(m -> (Object) m.message.getPayload().getClass())
                .as("what the raw stage made of the frames")
                .containsExactly(
                        EventInfo.class,
                        MarketInfo.class,
                        MarketInfo.class,
                        BookSnapshot.class,
                        TradeReport.class);
        Quarantined undecodable =
                QuarantineRecords.undecodable(
                        ReasonCode.MALFORMED,
                        "not Avro",
                        Stages.DECODER,
                        new byte[] {1, 2},
                        "venue.messages",
                        3,
                        41);

        List<Either<Quarantined, IngestedMessage>> in = new ArrayList<>();
        decoded.forEach(m -> in.add(Either.Right(m)));
        in.add(2, Either.Left(undecodable));
        try (var h =
                HarnessView.unkeyed(
                        new VenueMessageRouter(),
                        SourceRecords.type(IngestedMessage.class),
                        TypeInformation.of(IngestedMessage.class))) {
            h.open();
            for (Either<Quarantined, IngestedMessage> record : in) {
                h.processElement(record, T0);
            }

            List<VenueMessage> all = payloads(decoded);
            assertThat(payloads(h.extractOutputValues()))
                    .as("the market stage gets everything but events")
                    .containsExactly(all.get(1), all.get(2), all.get(3), all.get(4));
            assertThat(payloads(HarnessView.side(h, VenueMessageRouter.CATALOG)))
                    .as("the catalog gets events and copies of market infos")
                    .containsExactly(all.get(0), all.get(1), all.get(2));
            assertThat(HarnessView.side(h, VenueMessageRouter.QUARANTINE))
                    .containsExactly(undecodable);
            assertThat(h.extractOutputValues())
                    .extracting(m -> m.marketId)
                    .containsExactly(
                            "kalshi:KXFED-25DEC-HOLD",
                            "kalshi:KXFED-25DEC-CUT",
                            "kalshi:KXFED-25DEC-HOLD",
                            "kalshi:KXFED-25DEC-HOLD");

            assertThat(HarnessView.counter(h, RecordAccounting.Names.IN)).isEqualTo(in.size());
            assertThat(HarnessView.counter(h, RecordAccounting.Names.QUARANTINED)).isEqualTo(1);
            assertThat(
                            HarnessView.counter(
                                    h, RecordAccounting.Names.QUARANTINED_PREFIX + "MALFORMED"))
                    .isEqualTo(1);
            assertThat(HarnessView.counter(h, RecordAccounting.Names.EMITTED))
                    .as("emission is counted where it is decided, downstream")
                    .isZero();
        }
    }
}
