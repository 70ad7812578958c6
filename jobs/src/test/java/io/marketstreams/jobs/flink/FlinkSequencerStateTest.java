package io.marketstreams.jobs.flink;

import io.marketstreams.jobs.core.raw.SequencerState;
import io.marketstreams.jobs.core.raw.SequencerStateContract;
import org.junit.jupiter.api.AfterEach;

/** The sequencer state over Flink keyed map state (RocksDB) passes the contract. */
class FlinkSequencerStateTest extends SequencerStateContract {
    private KeyedStateContext keyed;

    @Override
    protected SequencerState newState() throws Exception {
        keyed = new KeyedStateContext("kalshi");
        return new FlinkSequencerState(keyed.context());
    }

    @AfterEach
    void close() throws Exception {
        keyed.close();
    }
}
