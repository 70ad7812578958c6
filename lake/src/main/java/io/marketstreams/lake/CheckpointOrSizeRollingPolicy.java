package io.marketstreams.lake;

import java.io.IOException;
import org.apache.flink.streaming.api.functions.sink.filesystem.PartFileInfo;
import org.apache.flink.streaming.api.functions.sink.filesystem.rollingpolicies.CheckpointRollingPolicy;

/**
 * Rolls a part file on every checkpoint (a bulk format can only be committed whole, so files are
 * committed exactly once with the checkpoint that covers their records) and also when it reaches
 * {@code maxPartSize} bytes, so one bucket's file stays bounded between two checkpoints. File size
 * is otherwise set by the checkpoint interval: a longer interval gives fewer, larger files.
 *
 * <p>Parquet buffers a row group in memory before writing it, so the size seen here lags the data
 * by up to one row group (parquet-avro's default 128 MiB block size).
 */
final class CheckpointOrSizeRollingPolicy<T> extends CheckpointRollingPolicy<T, String> {
    private static final long serialVersionUID = 1L;

    private final long maxPartSize;

    CheckpointOrSizeRollingPolicy(long maxPartSize) {
        if (maxPartSize <= 0) {
            throw new IllegalArgumentException("max part size must be positive");
        }
        this.maxPartSize = maxPartSize;
    }

    @Override
    public boolean shouldRollOnEvent(PartFileInfo<String> partFile, T element) throws IOException {
        return partFile.getSize() >= maxPartSize;
    }

    @Override
    public boolean shouldRollOnProcessingTime(PartFileInfo<String> partFile, long currentTime) {
        return false;
    }
}
