package io.marketstreams.lake;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.functions.sink.filesystem.BucketAssigner;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.SimpleVersionedStringSerializer;

/**
 * Buckets {@code stream=<name>/date=<yyyy-MM-dd>}: the date (UTC) of the record's own event time
 * field, not of the processing time, so a replay writes every record into the same directory as the
 * first run. Records without an event time (quarantined input that was never decoded) go to {@code
 * date=unknown}.
 */
final class StreamDateBucketAssigner<T extends SpecificRecordBase>
        implements BucketAssigner<T, String> {
    private static final long serialVersionUID = 1L;

    /** The {@code date=} value of records without an event time. */
    static final String UNKNOWN_DATE = "unknown";

    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private final LakeStream<T> stream;

    StreamDateBucketAssigner(LakeStream<T> stream) {
        this.stream = stream;
    }

    /** The bucket of a record with this event time (epoch milliseconds UTC, or null). */
    static String bucket(String streamName, Long eventTimeMs) {
        String date =
                eventTimeMs == null ? UNKNOWN_DATE : DATE.format(Instant.ofEpochMilli(eventTimeMs));
        return "stream=" + streamName + "/date=" + date;
    }

    @Override
    public String getBucketId(T record, Context context) {
        return bucket(stream.name(), stream.eventTime().of(record));
    }

    @Override
    public SimpleVersionedSerializer<String> getSerializer() {
        return SimpleVersionedStringSerializer.INSTANCE;
    }

    @Override
    public String toString() {
        return "StreamDateBucketAssigner{" + stream.name() + " by " + stream.timeField() + "}";
    }
}
