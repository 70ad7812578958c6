package io.marketstreams.jobs.flink;

import io.marketstreams.jobs.flink.HarnessView.Backend;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/**
 * One keyed stage of the job under test in Flink's keyed harness: started on a state backend,
 * started again from a snapshot (the instance before is closed, as a restarted task's would be),
 * and closed after the test.
 */
final class KeyedStage<I, O> implements AutoCloseable {
    /**
     * Makes the stage's harness on a backend, set up but not opened ({@link HarnessView#keyed}).
     */
    interface Factory<I, O> {
        KeyedOneInputStreamOperatorTestHarness<String, I, O> create(Backend backend)
                throws Exception;
    }

    private final Factory<I, O> factory;
    private KeyedOneInputStreamOperatorTestHarness<String, I, O> harness;

    KeyedStage(Factory<I, O> factory) {
        this.factory = factory;
    }

    /**
     * A new instance of the stage on {@code backend}, restored from {@code snapshot} unless it is
     * null, opened; the instance before is closed.
     */
    KeyedOneInputStreamOperatorTestHarness<String, I, O> start(
            Backend backend, OperatorSubtaskState snapshot) throws Exception {
        close();
        harness = factory.create(backend);
        if (snapshot != null) {
            harness.initializeState(snapshot);
        }
        harness.open();
        return harness;
    }

    @Override
    public void close() throws Exception {
        if (harness != null) {
            harness.close();
            harness = null;
        }
    }
}
