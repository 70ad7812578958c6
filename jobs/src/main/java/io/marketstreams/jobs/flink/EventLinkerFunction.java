package io.marketstreams.jobs.flink;

import io.marketstreams.jobs.core.catalog.EventMarketUpdate;
import io.marketstreams.jobs.core.catalog.RelationEdge;
import io.marketstreams.jobs.core.linking.EventLinker;
import io.marketstreams.jobs.core.linking.LinkChanges;
import io.marketstreams.jobs.core.linking.LinkConfig;
import io.marketstreams.jobs.core.linking.LinkRules;
import io.marketstreams.jobs.core.linking.Relation;
import io.marketstreams.schema.AvroCodec;
import io.marketstreams.schema.Event;
import io.marketstreams.schema.LinkChange;
import io.marketstreams.schema.LinkKind;
import io.marketstreams.schema.MarketLink;
import io.marketstreams.schema.Quarantined;
import io.marketstreams.schema.ReasonCode;
import io.marketstreams.schema.StreamTopic;
import io.marketstreams.schema.WireHeaders;
import io.marketstreams.schema.venue.EventInfo;
import io.marketstreams.schema.venue.MarketInfo;
import io.marketstreams.schema.venue.VenueMessage;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The global cross-venue linker (docs/linking.md "In the job"): one instance (key {@link
 * LinkerInput#GLOBAL}) holds the seen venue events, the markets' venue events and the link table,
 * and decides with {@link EventLinker} which venue events form one canonical event.
 *
 * <p>Its inputs come from two sources (venue records via the event catalog, curated link changes
 * from the {@code links} topic) whose interleaving varies between runs, so it buffers them and
 * applies them in order of event time ({@link LinkerInput#orderTime}, then {@link
 * LinkerInput#sortKey}) once the watermark has passed, like the event resolution stage.
 *
 * <p>Outputs: {@link #EVENTS} ({@code events.discovered}); the main output signals the market
 * stage, per market, which canonical event its venue event belongs to (first assignment and every
 * re-point); {@link #RELATIONS} tells each event's resolution stage the market relations in force;
 * {@link #QUARANTINE} takes invalid link records (undecodable ones never get here: {@link
 * LinkRecordIntake}).
 *
 * <p>State: {@code buffer} (inputs not yet applied), {@code log} (inputs applied, in order: the
 * link table and the seen data are rebuilt from it after a restore), {@code emitted} (the last
 * {@code events.discovered} record per event id: ids and revisions).
 */
public final class EventLinkerFunction
        extends KeyedProcessFunction<String, LinkerInput, EventSignal> {
    private static final long serialVersionUID = 1L;

    /** Side output of {@code events.discovered}. */
    public static final OutputTag<Event> EVENTS = new OutputTag<>("events-discovered") {};

    /** Side output of relation updates for the event resolution stage. */
    public static final OutputTag<EventMarketUpdate> RELATIONS =
            new OutputTag<>("event-relations") {};

    /** Side output of rejected link records. */
    public static final OutputTag<Quarantined> QUARANTINE = new OutputTag<>("links-quarantine") {};

    private static final Comparator<LinkerInput> ORDER =
            Comparator.<LinkerInput>comparingLong(in -> in.orderTime)
                    .thenComparing(LinkerInput::sortKey);

    private final boolean rulesEnabled;
    private final int applyThreshold;

    private transient EventLinker linker;
    private transient ListState<LinkerInput> buffer;
    private transient ListState<LinkerInput> log;
    private transient MapState<String, Event> emitted;
    private transient AvroCodec<LinkChange> codec;
    private transient RecordAccounting.Pair linksApplied;
    private transient RecordAccounting.Pair linksStale;
    private transient RecordAccounting.Pair linksQuarantined;
    private transient RecordAccounting.Pair out;

    /**
     * @param rulesEnabled whether automatic rules propose links (curated links apply regardless)
     * @param applyThreshold confidence (basis points) from which a rule link is applied
     */
    public EventLinkerFunction(boolean rulesEnabled, int applyThreshold) {
        this.rulesEnabled = rulesEnabled;
        this.applyThreshold = applyThreshold;
    }

    @Override
    public void open(OpenContext openContext) {
        buffer = getRuntimeContext().getListState(StateDescriptors.Linker.buffer());
        log = getRuntimeContext().getListState(StateDescriptors.Linker.log());
        emitted = getRuntimeContext().getMapState(StateDescriptors.Linker.emitted());
        codec = AvroCodec.forStream(StreamTopic.LINKS, LinkChange.class);
        RecordAccounting accounting = new RecordAccounting(getRuntimeContext());
        linksApplied = accounting.counter(RecordAccounting.Names.LINKS_APPLIED);
        linksStale = accounting.counter(RecordAccounting.Names.LINKS_STALE);
        linksQuarantined = accounting.counter(RecordAccounting.Names.LINKS_QUARANTINED);
        out =
                accounting.counter(
                        RecordAccounting.Names.OUT_PREFIX
                                + StreamTopic.EVENTS_DISCOVERED.streamName());
    }

    @Override
    public void processElement(LinkerInput in, Context ctx, Collector<EventSignal> signals)
            throws Exception {
        if (in.link != null) {
            String invalid = validate(in.link);
            if (invalid != null) {
                quarantine(rejected(in, invalid), ctx);
                return;
            }
        }
        in.orderTime = ctx.timestamp();
        buffer.add(in);
        ctx.timerService().registerEventTimeTimer(in.orderTime);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<EventSignal> signals)
            throws Exception {
        List<LinkerInput> due = new ArrayList<>();
        List<LinkerInput> later = new ArrayList<>();
        for (LinkerInput in : buffer.get()) {
            (in.orderTime <= timestamp ? due : later).add(in);
        }
        if (due.isEmpty()) {
            return;
        }
        due.sort(ORDER);
        EventLinker current = linker();
        for (LinkerInput in : due) {
            EventLinker.Result result = current.apply(toInput(in));
            log.add(in);
            if (in.message == null) {
                boolean stale =
                        !result.staleRelations().isEmpty()
                                || result.notApplied().stream()
                                        .anyMatch(
                                                n ->
                                                        n.reason()
                                                                == EventLinker.NotAppliedReason
                                                                        .STALE_REVISION);
                (stale ? linksStale : linksApplied).inc();
            }
            emit(result, in, ctx, signals);
        }
        buffer.update(later);
    }

    private void emit(
            EventLinker.Result result,
            LinkerInput in,
            OnTimerContext ctx,
            Collector<EventSignal> signals)
            throws Exception {
        long venueTime = venueTime(in);
        long ingestTime = in.message == null ? in.orderTime : in.message.message.getIngestTime();
        for (Event event : result.events()) {
            emitted.put(event.getEventId(), event);
            out.inc();
            ctx.output(EVENTS, event);
            List<RelationEdge> edges = new ArrayList<>();
            for (MarketLink link : event.getMarketLinks()) {
                edges.add(
                        RelationEdge.of(
                                link.getMarketIdA(),
                                link.getMarketIdB(),
                                Relation.valueOf(link.getRelation().name())));
            }
            ctx.output(
                    RELATIONS,
                    EventMarketUpdate.relations(
                            event.getEventId(), in.orderTime, ingestTime, edges));
        }
        List<EventLinker.MarketRepoint> moved = new ArrayList<>(result.assigned());
        moved.addAll(result.repoints());
        for (EventLinker.MarketRepoint m : moved) {
            signals.collect(
                    EventSignal.of(
                            m.marketId(),
                            linker.venueEventOfMarket(m.marketId()),
                            m.eventId(),
                            ingestTime,
                            venueTime));
        }
    }

    /** The linker, rebuilt from state on first use after a (re)start. */
    private EventLinker linker() throws Exception {
        if (linker == null) {
            LinkConfig defaults = LinkConfig.DEFAULTS;
            LinkConfig config =
                    new LinkConfig(
                            applyThreshold,
                            defaults.minTitleSimilarity(),
                            defaults.expiryToleranceMillis(),
                            defaults.minMarketSimilarity());
            linker = new EventLinker(config, rulesEnabled ? new LinkRules(config) : null);
            List<EventLinker.Input> inputs = new ArrayList<>();
            for (LinkerInput in : log.get()) {
                inputs.add(toInput(in));
            }
            List<Event> events = new ArrayList<>();
            for (Event e : emitted.values()) {
                events.add(e);
            }
            linker.restore(inputs, events);
        }
        return linker;
    }

    private static EventLinker.Input toInput(LinkerInput in) {
        if (in.message != null) {
            VenueMessage m = in.message.message;
            if (m.getPayload() instanceof EventInfo info) {
                return new EventLinker.EventSeen(
                        m.getVenueId(), info, m.getVenueEventTime(), m.getIngestTime());
            }
            return new EventLinker.MarketSeen(
                    m.getVenueId(),
                    (MarketInfo) m.getPayload(),
                    m.getVenueEventTime(),
                    m.getIngestTime());
        }
        LinkChange c = in.link;
        long t = c.getEffectiveTime();
        if (c.getKind() == LinkKind.EVENT) {
            return c.getRemoved()
                    ? new EventLinker.LinkRemoved(LinkChanges.eventLink(c), t, t)
                    : new EventLinker.LinkAdded(LinkChanges.eventLink(c), t, t);
        }
        return c.getRemoved()
                ? new EventLinker.RelationRemoved(LinkChanges.marketRelation(c), t, t)
                : new EventLinker.RelationAdded(LinkChanges.marketRelation(c), t, t);
    }

    private static long venueTime(LinkerInput in) {
        return in.message == null
                ? in.link.getEffectiveTime()
                : in.message.message.getVenueEventTime();
    }

    /** Why a decoded link record cannot be applied, or null. */
    private static String validate(LinkChange c) {
        try {
            if (c.getKind() == LinkKind.EVENT) {
                if ((c.getVenueB() == null) != (c.getIdB() == null)) {
                    return "venue_b and id_b must both be given (a link) or both be null (a pin)";
                }
                LinkChanges.eventLink(c);
            } else {
                LinkChanges.marketRelation(c);
            }
            return null;
        } catch (IllegalArgumentException | NullPointerException e) {
            return e.getMessage();
        }
    }

    private Quarantined rejected(LinkerInput in, String detail) {
        return Quarantined.newBuilder()
                .setReason(ReasonCode.OTHER)
                .setDetail("invalid link: " + detail)
                .setStage(Stages.LINKER)
                .setSourceTopic(in.sourceTopic)
                .setSourcePartition(in.sourcePartition)
                .setSourceOffset(in.sourceOffset)
                .setPayload(ByteBuffer.wrap(codec.encode(in.link)))
                .setPayloadSchemaFingerprint(WireHeaders.fingerprintHex(codec.fingerprint()))
                .setIngestTime(in.link.getEffectiveTime())
                .build();
    }

    private void quarantine(Quarantined record, Context ctx) {
        linksQuarantined.inc();
        ctx.output(QUARANTINE, record);
    }
}
