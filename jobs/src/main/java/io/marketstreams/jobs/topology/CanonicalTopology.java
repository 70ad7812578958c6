package io.marketstreams.jobs.topology;

import io.marketstreams.jobs.core.MarketIds;
import io.marketstreams.jobs.flink.EventCatalogFunction;
import io.marketstreams.jobs.flink.EventLinkerFunction;
import io.marketstreams.jobs.flink.EventResolutionFunction;
import io.marketstreams.jobs.flink.EventSignal;
import io.marketstreams.jobs.flink.IngestedMessage;
import io.marketstreams.jobs.flink.LinkRecordIntake;
import io.marketstreams.jobs.flink.LinkerInput;
import io.marketstreams.jobs.flink.MarketFunction;
import io.marketstreams.jobs.flink.MarketStateOperator;
import io.marketstreams.jobs.flink.RawFrameFunction;
import io.marketstreams.jobs.flink.Stages;
import io.marketstreams.jobs.flink.VenueMessageRouter;
import io.marketstreams.schema.CanonicalStream;
import io.marketstreams.schema.Event;
import io.marketstreams.schema.EventResolution;
import io.marketstreams.schema.Quarantined;
import io.marketstreams.schema.Trade;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.types.Either;

/**
 * The canonical job's topology (docs/architecture.md): its {@link Inputs} in, one stream per {@link
 * CanonicalStream} out. It knows nothing of Kafka — production wires Kafka sources and sinks around
 * it ({@code KafkaWiring}), tests bounded sources and collecting sinks — and every stateful
 * operator gets its stable uid ({@link Stages}) here.
 */
public final class CanonicalTopology {
    private final Settings settings;
    private final List<DataStream<Quarantined>> quarantine = new ArrayList<>();
    private final Outputs outputs = new Outputs();

    private CanonicalTopology(Settings settings) {
        this.settings = settings;
    }

    /** Builds the topology on its inputs. */
    public static Outputs build(Inputs inputs, Settings settings) {
        CanonicalTopology t = new CanonicalTopology(settings);
        SingleOutputStreamOperator<IngestedMessage> routed = t.route(t.venueInput(inputs));
        SingleOutputStreamOperator<EventSignal> linker = t.link(t.catalog(routed), inputs.links());
        SingleOutputStreamOperator<Trade> markets = t.markets(routed, linker);
        t.eventResolution(markets, linker);
        t.outputs.put(CanonicalStream.QUARANTINE, t.quarantine());
        return t.outputs.complete();
    }

    /** Attaches a sink to every output stream, each with its stable uid ({@code sink-<stream>}). */
    public static void sinkTo(Outputs outputs, Sinks sinks) {
        sinkTo(outputs, sinks, "");
    }

    /**
     * Attaches the sinks with {@code uidPrefix} before each sink uid. A replay uses its own prefix
     * so that, restored from a live savepoint, it does not take over the live sinks' transactions.
     */
    public static void sinkTo(Outputs outputs, Sinks sinks, String uidPrefix) {
        for (CanonicalStream<?> stream : CanonicalStream.ALL) {
            sink(outputs, sinks, stream, uidPrefix);
        }
    }

    private static <T extends SpecificRecord> void sink(
            Outputs outputs, Sinks sinks, CanonicalStream<T> stream, String uidPrefix) {
        String uid = uidPrefix + Stages.sink(stream.streamName());
        outputs.get(stream).sinkTo(sinks.of(stream)).uid(uid).name(uid);
    }

    /**
     * Venue messages, and the messages parsed from native frames (keyed by venue to keep order).
     */
    private DataStream<Either<Quarantined, IngestedMessage>> venueInput(Inputs inputs) {
        DataStream<Either<Quarantined, IngestedMessage>> input = inputs.venueMessages();
        if (inputs.rawFrames() != null) {
            SingleOutputStreamOperator<Either<Quarantined, IngestedMessage>> parsed =
                    inputs.rawFrames()
                            .keyBy(RawFrameFunction::venue)
                            .process(new RawFrameFunction(settings.inputLimits()))
                            .uid(Stages.RAW_FRAMES)
                            .name(Stages.RAW_FRAMES);
            quarantine.add(parsed.getSideOutput(RawFrameFunction.QUARANTINE));
            input = input == null ? parsed : input.union(parsed);
        }
        return input;
    }

    /** Counts every input; undecodable ones to quarantine; catalog records also to the catalog. */
    private SingleOutputStreamOperator<IngestedMessage> route(
            DataStream<Either<Quarantined, IngestedMessage>> input) {
        SingleOutputStreamOperator<IngestedMessage> routed =
                input.process(new VenueMessageRouter()).uid(Stages.ROUTER).name(Stages.ROUTER);
        quarantine.add(routed.getSideOutput(VenueMessageRouter.QUARANTINE));
        return routed;
    }

    /** New or changed venue event descriptions and first market sightings, for the linker. */
    private DataStream<LinkerInput> catalog(SingleOutputStreamOperator<IngestedMessage> routed) {
        return routed.getSideOutput(VenueMessageRouter.CATALOG)
                .keyBy(message -> MarketIds.venueEventKeyOf(message.message))
                .process(new EventCatalogFunction())
                .uid(Stages.EVENT_CATALOG)
                .name(Stages.EVENT_CATALOG);
    }

    /**
     * The one global linker over the catalog and the curated links: {@code events.discovered},
     * signals to the markets, relations to the event stage.
     */
    private SingleOutputStreamOperator<EventSignal> link(
            DataStream<LinkerInput> catalog, DataStream<Either<Quarantined, LinkerInput>> links) {
        List<DataStream<Quarantined>> rejected = new ArrayList<>();
        if (links != null) {
            SingleOutputStreamOperator<LinkerInput> decoded =
                    links.process(new LinkRecordIntake())
                            .uid(Stages.LINKS_INTAKE)
                            .name(Stages.LINKS_INTAKE)
                            .setParallelism(links.getParallelism());
            rejected.add(decoded.getSideOutput(LinkRecordIntake.QUARANTINE));
            catalog = catalog.union(decoded);
        }
        // One instance: which venue events form one canonical event is a global decision.
        SingleOutputStreamOperator<EventSignal> linker =
                catalog.keyBy(in -> LinkerInput.GLOBAL)
                        .process(
                                new EventLinkerFunction(
                                        settings.linkRules(), settings.linkApplyThreshold()))
                        .uid(Stages.LINKER)
                        .name(Stages.LINKER)
                        .setParallelism(1)
                        .setMaxParallelism(1);
        rejected.add(linker.getSideOutput(EventLinkerFunction.QUARANTINE));
        // Keyed, like events below: from one subtask, a round-robin hand-over to the sink's
        // subtasks would spread one key over partitions and reorder an event's revisions.
        quarantine.add(union(rejected).keyBy(CanonicalStream::quarantineKey));
        outputs.put(
                CanonicalStream.EVENTS_DISCOVERED,
                linker.getSideOutput(EventLinkerFunction.EVENTS).keyBy(Event::getEventId));
        return linker;
    }

    /** The market stage: every venue message about a market, and the linker's signals for it. */
    private SingleOutputStreamOperator<Trade> markets(
            SingleOutputStreamOperator<IngestedMessage> routed,
            SingleOutputStreamOperator<EventSignal> linker) {
        SingleOutputStreamOperator<Trade> markets =
                routed.connect(linker)
                        .keyBy(message -> message.marketId, signal -> signal.marketId)
                        .transform(
                                Stages.MARKET,
                                TypeInformation.of(Trade.class),
                                new MarketStateOperator(new MarketFunction(settings.market())))
                        .uid(Stages.MARKET)
                        .name(Stages.MARKET);
        outputs.put(CanonicalStream.TRADES_EXECUTED, markets);
        outputs.put(
                CanonicalStream.MARKETS_DISCOVERED, markets.getSideOutput(MarketFunction.MARKETS));
        outputs.put(
                CanonicalStream.MARKETS_SNAPSHOTS,
                markets.getSideOutput(MarketFunction.MARKET_SNAPSHOTS));
        outputs.put(CanonicalStream.MARKETS_UPDATED, markets.getSideOutput(MarketFunction.UPDATES));
        outputs.put(
                CanonicalStream.MARKET_STATE_UPDATED, markets.getSideOutput(MarketFunction.STATES));
        outputs.put(
                CanonicalStream.MARKETS_RESOLVED,
                markets.getSideOutput(MarketFunction.RESOLUTIONS));
        outputs.put(
                CanonicalStream.ORDERS_SNAPSHOT, markets.getSideOutput(MarketFunction.SNAPSHOTS));
        outputs.put(CanonicalStream.ORDERS_DELTA, markets.getSideOutput(MarketFunction.DELTAS));
        quarantine.add(markets.getSideOutput(MarketFunction.QUARANTINE));
        return markets;
    }

    /** Per canonical event, its markets' updates and relations reconciled into events.resolved. */
    private void eventResolution(
            SingleOutputStreamOperator<Trade> markets,
            SingleOutputStreamOperator<EventSignal> linker) {
        DataStream<EventResolution> resolutions =
                markets.getSideOutput(MarketFunction.EVENT_UPDATES)
                        .union(linker.getSideOutput(EventLinkerFunction.RELATIONS))
                        .keyBy(update -> update.eventId)
                        .process(new EventResolutionFunction())
                        .uid(Stages.EVENT_RESOLUTION)
                        .name(Stages.EVENT_RESOLUTION);
        outputs.put(CanonicalStream.EVENTS_RESOLVED, resolutions);
    }

    private DataStream<Quarantined> quarantine() {
        return union(quarantine);
    }

    private static <T> DataStream<T> union(List<DataStream<T>> streams) {
        DataStream<T> all = streams.get(0);
        for (DataStream<T> s : streams.subList(1, streams.size())) {
            all = all.union(s);
        }
        return all;
    }
}
