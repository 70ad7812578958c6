package io.marketstreams.jobs.topology;

import io.marketstreams.jobs.flink.IngestedFrame;
import io.marketstreams.jobs.flink.IngestedMessage;
import io.marketstreams.jobs.flink.LinkerInput;
import io.marketstreams.jobs.flink.Stages;
import io.marketstreams.schema.Quarantined;
import java.io.Serializable;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
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
        return read(
                env,
                source,
                Stages.SOURCE,
                WatermarkStrategy.forBoundedOutOfOrderness(settings.outOfOrderness()),
                m -> m.message.getIngestTime(),
                settings.idleTimeout());
    }

    /** Native frames from a source with the stable raw source uid; event time is receive time. */
    public static DataStream<Either<Quarantined, IngestedFrame>> rawFrames(
            StreamExecutionEnvironment env,
            Source<Either<Quarantined, IngestedFrame>, ?, ?> source,
            Settings settings) {
        return read(
                env,
                source,
                Stages.RAW_SOURCE,
                WatermarkStrategy.forBoundedOutOfOrderness(settings.outOfOrderness()),
                f -> f.receiveTime,
                settings.idleTimeout());
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
        return read(
                        env,
                        source,
                        Stages.LINKS_SOURCE,
                        WatermarkStrategy.forMonotonousTimestamps(),
                        in -> in.link.getEffectiveTime(),
                        settings.linksIdleTimeout())
                .setParallelism(1);
    }

    /** Event time of a decoded record, epoch ms. */
    @FunctionalInterface
    private interface EventTime<T> extends Serializable {
        long of(T record);
    }

    /**
     * A source with its uid, event time from the decoded record, the Kafka timestamp for a record
     * whose bytes could not be read (it has no time of its own).
     */
    private static <T> SingleOutputStreamOperator<Either<Quarantined, T>> read(
            StreamExecutionEnvironment env,
            Source<Either<Quarantined, T>, ?, ?> source,
            String uid,
            WatermarkStrategy<Either<Quarantined, T>> strategy,
            EventTime<T> time,
            Duration idleTimeout) {
        WatermarkStrategy<Either<Quarantined, T>> watermarks =
                idle(
                        strategy.withTimestampAssigner(
                                (r, kafkaTime) -> r.isRight() ? time.of(r.right()) : kafkaTime),
                        idleTimeout);
        return env.fromSource(source, watermarks, uid).uid(uid).name(uid);
    }

    private static <T> WatermarkStrategy<T> idle(WatermarkStrategy<T> strategy, Duration idle) {
        return idle == null || idle.isZero() ? strategy : strategy.withIdleness(idle);
    }
}
