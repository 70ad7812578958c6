package io.marketstreams.jobs.topology;

import io.marketstreams.jobs.flink.IngestedFrame;
import io.marketstreams.jobs.flink.IngestedMessage;
import io.marketstreams.jobs.flink.LinkerInput;
import io.marketstreams.jobs.flink.Stages;
import io.marketstreams.schema.Quarantined;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.types.Either;

/**
 * The canonical topology's inputs, each {@code Left} where a record's bytes could not be read:
 * normalized {@code venue.messages}, native frames of the raw topics, and curated link changes of
 * {@code links}. At least one of the first two; {@link #links} may be absent (the job then links by
 * rules alone).
 *
 * @param venueMessages normalized venue messages, or null
 * @param rawFrames native venue frames, or null
 * @param links curated link changes, or null
 */
public record Inputs(
        DataStream<Either<Quarantined, IngestedMessage>> venueMessages,
        DataStream<Either<Quarantined, IngestedFrame>> rawFrames,
        DataStream<Either<Quarantined, LinkerInput>> links) {

    public Inputs {
        if (venueMessages == null && rawFrames == null) {
            throw new IllegalArgumentException("the job needs venue messages or raw frames");
        }
    }

    /** Normalized venue messages only. */
    public static Inputs ofVenueMessages(DataStream<Either<Quarantined, IngestedMessage>> stream) {
        return new Inputs(stream, null, null);
    }

    /** Native frames only. */
    public static Inputs ofRawFrames(DataStream<Either<Quarantined, IngestedFrame>> stream) {
        return new Inputs(null, stream, null);
    }

    /** These inputs with curated link changes. */
    public Inputs withLinks(DataStream<Either<Quarantined, LinkerInput>> stream) {
        return new Inputs(venueMessages, rawFrames, stream);
    }

    /**
     * Venue messages from a source with the stable source uid. Event time is the records' ingest
     * time with a bounded out-of-orderness: the watermark orders the decisions that span keys
     * (orphan markets, event resolution) deterministically.
     */
    public static DataStream<Either<Quarantined, IngestedMessage>> venueMessages(
            StreamExecutionEnvironment env,
            Source<Either<Quarantined, IngestedMessage>, ?, ?> source,
            Settings settings) {
        WatermarkStrategy<Either<Quarantined, IngestedMessage>> watermarks =
                idle(
                        WatermarkStrategy
                                .<Either<Quarantined, IngestedMessage>>forBoundedOutOfOrderness(
                                        settings.outOfOrderness())
                                .withTimestampAssigner(
                                        (m, kafkaTime) ->
                                                m.isRight()
                                                        ? m.right().message.getIngestTime()
                                                        : kafkaTime),
                        settings.idleTimeout());
        return env.fromSource(source, watermarks, Stages.SOURCE)
                .uid(Stages.SOURCE)
                .name(Stages.SOURCE);
    }

    /** Native frames from a source with the stable raw source uid; event time is receive time. */
    public static DataStream<Either<Quarantined, IngestedFrame>> rawFrames(
            StreamExecutionEnvironment env,
            Source<Either<Quarantined, IngestedFrame>, ?, ?> source,
            Settings settings) {
        WatermarkStrategy<Either<Quarantined, IngestedFrame>> watermarks =
                idle(
                        WatermarkStrategy
                                .<Either<Quarantined, IngestedFrame>>forBoundedOutOfOrderness(
                                        settings.outOfOrderness())
                                .withTimestampAssigner(
                                        (f, kafkaTime) ->
                                                f.isRight() ? f.right().receiveTime : kafkaTime),
                        settings.idleTimeout());
        return env.fromSource(source, watermarks, Stages.RAW_SOURCE)
                .uid(Stages.RAW_SOURCE)
                .name(Stages.RAW_SOURCE);
    }

    /**
     * Curated link changes from a source with the stable links source uid, one reader (a reader
     * without a split would hold the watermark back until it counts as idle). Event time is each
     * change's effective time; the topic is mostly quiet, so it stops holding the watermark back
     * after {@code marketstreams.links.idle-timeout} without records.
     */
    public static DataStream<Either<Quarantined, LinkerInput>> links(
            StreamExecutionEnvironment env,
            Source<Either<Quarantined, LinkerInput>, ?, ?> source,
            Settings settings) {
        WatermarkStrategy<Either<Quarantined, LinkerInput>> watermarks =
                idle(
                        WatermarkStrategy
                                .<Either<Quarantined, LinkerInput>>forMonotonousTimestamps()
                                .withTimestampAssigner(
                                        (in, kafkaTime) ->
                                                in.isRight()
                                                        ? in.right().link.getEffectiveTime()
                                                        : kafkaTime),
                        settings.linksIdleTimeout());
        return env.fromSource(source, watermarks, Stages.LINKS_SOURCE)
                .uid(Stages.LINKS_SOURCE)
                .name(Stages.LINKS_SOURCE)
                .setParallelism(1);
    }

    private static <T> WatermarkStrategy<T> idle(WatermarkStrategy<T> strategy, Duration idle) {
        return idle == null || idle.isZero() ? strategy : strategy.withIdleness(idle);
    }
}
