package io.marketstreams.jobs.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.marketstreams.schema.Quarantined;
import io.marketstreams.schema.ReasonCode;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.types.Either;
import org.junit.jupiter.api.Test;

/**
 * The {@code links-intake} stage (not keyed) in Flink's one-input harness: every record of the
 * {@code links} topic is counted ({@code links.in}), undecodable ones are quarantined and counted
 * ({@code links.quarantined}), decoded ones go on to the linker unchanged and in order.
 */
class LinkRecordIntakeTest {

    @Test
    void everyLinkRecordIsCountedAndUndecodableOnesAreQuarantined() throws Exception {
        LinkerInput link = OperatorInputs.eventLink("7001", "KXFED-25DEC", 1, false, 1_000L, 0);
        LinkerInput removal = OperatorInputs.eventLink("7001", "KXFED-25DEC", 2, true, 2_000L, 2);
        Quarantined undecodable =
                QuarantineRecords.undecodable(
                        ReasonCode.MALFORMED,
                        "unknown schema fingerprint",
                        Stages.LINKS_INTAKE,
                        new byte[] {7},
                        "links",
                        0,
                        1);
        List<Either<Quarantined, LinkerInput>> in =
                List.of(Either.Right(link), Either.Left(undecodable), Either.Right(removal));

        try (var h =
                HarnessView.unkeyed(
                        new LinkRecordIntake(),
                        SourceRecords.type(LinkerInput.class),
                        TypeInformation.of(LinkerInput.class))) {
            h.open();
            for (Either<Quarantined, LinkerInput> record : in) {
                h.processElement(record, 1_000L);
            }

            assertThat(h.extractOutputValues())
                    .extracting(l -> l.link, l -> l.sourceOffset)
                    .containsExactly(tuple(link.link, 0L), tuple(removal.link, 2L));
            assertThat(HarnessView.side(h, LinkRecordIntake.QUARANTINE))
                    .containsExactly(undecodable);
            assertThat(HarnessView.counter(h, RecordAccounting.Names.LINKS_IN)).isEqualTo(3);
            assertThat(HarnessView.counter(h, RecordAccounting.Names.LINKS_QUARANTINED))
                    .isEqualTo(1);
            assertThat(HarnessView.counter(h, RecordAccounting.Names.LINKS_APPLIED))
                    .as("applying is the linker's to count")
                    .isZero();
        }
    }
}
