package io.marketstreams.jobs.flink;

import io.marketstreams.connectors.raw.FrameParser;
import io.marketstreams.connectors.raw.InputLimits;
import io.marketstreams.connectors.raw.ParsedFrame;
import io.marketstreams.connectors.venue.FrameEnvelope;
import io.marketstreams.connectors.venue.Venue;
import io.marketstreams.connectors.venue.Venues;
import io.marketstreams.jobs.core.MarketIds;
import io.marketstreams.jobs.core.raw.ConnectionSequencer;
import io.marketstreams.schema.AvroCodec;
import io.marketstreams.schema.Quarantined;
import io.marketstreams.schema.ReasonCode;
import io.marketstreams.schema.venue.BookDelta;
import io.marketstreams.schema.venue.BookSnapshot;
import io.marketstreams.schema.venue.RawSourceRef;
import io.marketstreams.schema.venue.VenueMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.types.Either;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The canonical job's first stage for native venue frames, keyed by venue: a venue's frames arrive
 * in the order of its raw-topic partition, and each market's messages leave this one subtask over
 * one channel, so every market sees its WebSocket and REST input in that same order on every
 * replay. The venue's {@link FrameParser} (from the {@link Venues} registry, within the job's
 * {@link InputLimits}) turns each frame into {@code VenueMessage}s, and {@link ConnectionSequencer}
 * turns the venue's per-subscription numbers (its {@link FrameEnvelope}) into per-market book
 * sequences. Frames it cannot interpret, or beyond a limit, go to {@link #QUARANTINE} with their
 * bytes; a numbered book message refused for its levels is, for its book, a lost frame (the book's
 * next delta is a gap, so it resyncs as the market stage would have made it). Frames of known but
 * unused types are counted. Its output is always {@code Right}: it joins the {@code venue.messages}
 * source's records (whose {@code Left} are undecodable bytes) in front of the router.
 *
 * <p>Accounting of frames: {@code raw.frames.in = raw.frames.parsed + raw.frames.ignored +
 * raw.frames.quarantined + raw.frames.duplicates}; the messages of parsed frames then enter the
 * job's record accounting ({@code records.in}) like {@code venue.messages} records.
 *
 * <p>State per venue: {@code last-sequence} (connection/subscription → last number), {@code
 * market-sequence} (market → last per-market number), {@code market-subscription} (market →
 * connection/subscription), {@code gap-pending} (market → whether its subscription lost a frame
 * since).
 */
public final class RawFrameFunction
        extends KeyedProcessFunction<
                String, Either<Quarantined, IngestedFrame>, Either<Quarantined, IngestedMessage>> {
    private static final long serialVersionUID = 1L;

    /** Side output of frames that cannot be interpreted. */
    public static final OutputTag<Quarantined> QUARANTINE = new OutputTag<>("raw-quarantine") {};

    /** Frame accounting names (metrics and accumulators). */
    public static final class Names {
        public static final String IN = "raw.frames.in";
        public static final String PARSED = "raw.frames.parsed";
        public static final String IGNORED = "raw.frames.ignored";
        public static final String QUARANTINED = "raw.frames.quarantined";
        public static final String DUPLICATES = "raw.frames.duplicates";

        private Names() {}
    }

    private final InputLimits limits;

    private transient Map<String, Venue> venues;
    private transient ConnectionSequencer sequencer;
    private transient FlinkSequencerState state;
    private transient long fingerprint;
    private transient RecordAccounting.Pair in;
    private transient RecordAccounting.Pair parsed;
    private transient RecordAccounting.Pair ignored;
    private transient RecordAccounting.Pair quarantined;
    private transient RecordAccounting.Pair duplicates;

    /** The stage within the default input limits. */
    public RawFrameFunction() {
        this(InputLimits.DEFAULTS);
    }

    /** The stage whose venues parse within the given input limits. */
    public RawFrameFunction(InputLimits limits) {
        this.limits = limits;
    }

    /** The key of a raw-topic record: its venue (also for records that are not valid frames). */
    public static String venue(Either<Quarantined, IngestedFrame> record) {
        return record.isRight()
                ? record.right().venueId
                : RawFrameDeserializer.venueOf(record.left().getSourceTopic());
    }

    @Override
    public void open(OpenContext openContext) {
        venues = new HashMap<>();
        for (Venue venue : Venues.all()) {
            venues.put(venue.id(), venue.withLimits(limits));
        }
        sequencer = new ConnectionSequencer();
        state = new FlinkSequencerState(getRuntimeContext());
        fingerprint = AvroCodec.of(VenueMessage.class).fingerprint();
        RecordAccounting accounting = new RecordAccounting(getRuntimeContext());
        in = accounting.counter(Names.IN);
        parsed = accounting.counter(Names.PARSED);
        ignored = accounting.counter(Names.IGNORED);
        quarantined = accounting.counter(Names.QUARANTINED);
        duplicates = accounting.counter(Names.DUPLICATES);
    }

    @Override
    public void processElement(
            Either<Quarantined, IngestedFrame> record,
            Context ctx,
            Collector<Either<Quarantined, IngestedMessage>> out) {
        in.inc();
        if (record.isLeft()) {
            quarantine(record.left(), ctx);
            return;
        }
        IngestedFrame frame = record.right();
        Venue venue = venues.get(frame.venueId);
        if (venue == null) {
            quarantine(
                    frame, ReasonCode.UNKNOWN_MESSAGE, "no parser for venue " + frame.venueId, ctx);
            return;
        }
        FrameEnvelope envelope = venue.envelope(frame.payload);
        // Subscription numbers restart with every connection.
        String subscription =
                envelope.subscription() == null
                        ? null
                        : frame.connectionId + "/" + envelope.subscription();
        Long sequence = envelope.sequence();
        if (sequencer.observe(state, subscription, sequence)
                == ConnectionSequencer.Verdict.REPEAT) {
            duplicates.inc();
            return;
        }
        ParsedFrame result = venue.parser().parse(frame.frame());
        if (result instanceof ParsedFrame.Messages messages) {
            parsed.inc();
            List<VenueMessage> list = new ArrayList<>(messages.messages());
            for (VenueMessage m : list) {
                m.setRawSource(
                        new RawSourceRef(
                                frame.sourceTopic, frame.sourcePartition, frame.sourceOffset));
                if (sequence != null
                        && (m.getPayload() instanceof BookSnapshot
                                || m.getPayload() instanceof BookDelta)) {
                    boolean snapshot = m.getPayload() instanceof BookSnapshot;
                    String market = MarketIds.marketIdOf(m);
                    sequencer.renumber(
                            state, frame.connectionId, subscription, market, snapshot, m);
                }
                out.collect(
                        Either.Right(
                                IngestedMessage.decoded(
                                        m,
                                        MarketIds.marketIdOf(m),
                                        fingerprint,
                                        frame.sourceTopic,
                                        frame.sourcePartition,
                                        frame.sourceOffset)));
            }
        } else if (result instanceof ParsedFrame.Ignored) {
            ignored.inc();
        } else if (result instanceof ParsedFrame.Rejected rejected) {
            String market =
                    rejected.bookMarketId() == null
                            ? null
                            : MarketIds.marketId(frame.venueId, rejected.bookMarketId());
            if (market != null && subscription != null) {
                // The frame's number is consumed but its book change is not applied.
                sequencer.lostBookMessage(state, market);
            }
            quarantine(frame, rejected.reason(), rejected.detail(), market, ctx);
        }
    }

    private void quarantine(IngestedFrame frame, ReasonCode reason, String detail, Context ctx) {
        quarantine(frame, reason, detail, null, ctx);
    }

    private void quarantine(
            IngestedFrame frame, ReasonCode reason, String detail, String marketId, Context ctx) {
        Quarantined q =
                QuarantineRecords.frame(
                        reason,
                        detail,
                        frame.payload,
                        frame.sourceTopic,
                        frame.sourcePartition,
                        frame.sourceOffset);
        q.setVenueId(frame.venueId);
        q.setMarketId(marketId);
        q.setIngestTime(frame.receiveTime);
        quarantine(q, ctx);
    }

    private void quarantine(Quarantined q, Context ctx) {
        quarantined.inc();
        ctx.output(QUARANTINE, q);
    }
}
