package io.marketstreams.jobs.core.raw;

/** The in-memory sequencer state passes the contract. */
class InMemorySequencerStateTest extends SequencerStateContract {
    @Override
    protected SequencerState newState() {
        return new InMemorySequencerState();
    }
}
