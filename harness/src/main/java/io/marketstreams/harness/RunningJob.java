package io.marketstreams.harness;

import io.marketstreams.testkit.TopicOffsets;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;

/**
 * A {@link JobRun} started unbounded: waits for its input to be covered by a checkpoint, stops it
 * with a savepoint, or cancels it. Closing it cancels a job not stopped yet, so that a failed test
 * leaves no job writing into the next one's output.
 */
public final class RunningJob implements AutoCloseable {
    private final JobRun run;
    private final JobClient client;
    private boolean ended;

    RunningJob(JobRun run, JobClient client) {
        this.run = run;
        this.client = client;
    }

    /** Flink's handle of the job (accumulators, status). */
    public JobClient client() {
        return client;
    }

    /**
     * Waits until the job's sources have committed offsets at the end of every input partition: a
     * completed checkpoint covers all input written so far (and with exactly-once sinks, its output
     * is committed).
     */
    public void awaitInputCommitted() throws Exception {
        TopicOffsets.awaitCommitted(
                run.runs().bootstrap(), run.group(), run.inputTopics(), JobRuns.TIMEOUT);
    }

    /**
     * Stops the job with a savepoint (canonical format) under the harness's work directory and
     * returns its directory; {@code drain} ends event time first, as the end of a bounded run does.
     */
    public Path stopWithSavepoint(boolean drain) throws Exception {
        String location =
                client.stopWithSavepoint(
                                drain,
                                run.runs().work().resolve("savepoints").toUri().toString(),
                                SavepointFormatType.CANONICAL)
                        .get(JobRuns.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        ended = true;
        return Path.of(URI.create(location));
    }

    /**
     * {@link #awaitInputCommitted()}, then {@link #stopWithSavepoint(boolean)}; cancels the job if
     * the wait fails.
     */
    public Path stopAfterAllInput(boolean drain) throws Exception {
        try {
            awaitInputCommitted();
        } catch (Exception | AssertionError e) {
            cancel();
            throw e;
        }
        return stopWithSavepoint(drain);
    }

    /** Cancels the job and waits until it is cancelled. */
    public void cancel() throws Exception {
        ended = true;
        client.cancel().get(JobRuns.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Cancels the job unless it was stopped or cancelled already. */
    @Override
    public void close() throws Exception {
        if (!ended) {
            cancel();
        }
    }
}
