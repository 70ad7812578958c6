package io.marketstreams.jobs.flink;

import io.marketstreams.jobs.core.book.MarketBookSet;
import io.marketstreams.jobs.core.catalog.EventMarketUpdate;
import io.marketstreams.jobs.core.catalog.EventResolutionState;
import io.marketstreams.jobs.core.market.MarketOutbox;
import io.marketstreams.jobs.core.trades.TapeCursor;
import io.marketstreams.schema.Event;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * Every keyed state of the canonical job, by operator ({@link Stages} uid): the one place that
 * names them, for the operators, the savepoint tools and the tests. A savepoint maps state to an
 * operator by uid and to a state by these names and types: renaming one, or changing the declared
 * type of a stored class or field, breaks restoring earlier savepoints (docs/operations.md,
 * "Savepoint compatibility"; {@code savepoints/src/test/resources/compat}).
 */
public final class StateDescriptors {
    private StateDescriptors() {}

    /** {@code market-state}, keyed by market id. */
    public static final class Market {
        private Market() {}

        /** The market's lifecycle record, venue cursor and books, one value per market. */
        public static ValueStateDescriptor<MarketBookSet> books() {
            return new ValueStateDescriptor<>("books", TypeInformation.of(MarketBookSet.class));
        }

        /** Input held until the market (or its event) is known, in input order. */
        public static ListStateDescriptor<IngestedMessage> pending() {
            return new ListStateDescriptor<>("pending", TypeInformation.of(IngestedMessage.class));
        }

        /**
         * The market's outbox: records that carry its canonical event, and linker assignments,
         * waiting for the watermark to pass their time ({@link MarketOutbox}). Added after v0.1: a
         * savepoint without it restores with none, which the market stage starts from its record.
         */
        public static ValueStateDescriptor<MarketOutbox> outbox() {
            return new ValueStateDescriptor<>("outbox", TypeInformation.of(MarketOutbox.class));
        }

        /** The trade tape's cursor. */
        public static ValueStateDescriptor<TapeCursor> tapeCursor() {
            return new ValueStateDescriptor<>("cursor", TypeInformation.of(TapeCursor.class));
        }

        /** Remembered venue trade id → content fingerprint. */
        public static MapStateDescriptor<String, Long> fingerprints() {
            return new MapStateDescriptor<>("fingerprints", Types.STRING, Types.LONG);
        }

        /** Trade sequence → venue trade id, for eviction in sequence order. */
        public static MapStateDescriptor<Long, String> idsBySequence() {
            return new MapStateDescriptor<>("ids-by-sequence", Types.LONG, Types.STRING);
        }
    }

    /** {@code raw-frames}, keyed by venue. */
    public static final class RawFrames {
        private RawFrames() {}

        /** Connection/subscription → last venue number seen. */
        public static MapStateDescriptor<String, Long> lastSequence() {
            return new MapStateDescriptor<>("last-sequence", Types.STRING, Types.LONG);
        }

        /** Market → last per-market book number given. */
        public static MapStateDescriptor<String, Long> marketSequence() {
            return new MapStateDescriptor<>("market-sequence", Types.STRING, Types.LONG);
        }

        /** Market → the connection/subscription its book comes over. */
        public static MapStateDescriptor<String, String> marketSubscription() {
            return new MapStateDescriptor<>("market-subscription", Types.STRING, Types.STRING);
        }

        /** Market → whether its subscription lost a frame since its last snapshot. */
        public static MapStateDescriptor<String, Boolean> gapPending() {
            return new MapStateDescriptor<>("gap-pending", Types.STRING, Types.BOOLEAN);
        }
    }

    /** {@code event-catalog}, keyed by venue event. */
    public static final class EventCatalog {
        private EventCatalog() {}

        /** The venue event's last description, as a one-venue {@link Event}. */
        public static ValueStateDescriptor<Event> event() {
            return new ValueStateDescriptor<>("event", TypeInformation.of(Event.class));
        }

        /** Market ids of the venue event already forwarded to the linker. */
        public static MapStateDescriptor<String, Boolean> markets() {
            return new MapStateDescriptor<>("markets", Types.STRING, Types.BOOLEAN);
        }
    }

    /** {@code event-linker}, one global key. */
    public static final class Linker {
        private Linker() {}

        /** Inputs not yet applied (their event time is ahead of the watermark). */
        public static ListStateDescriptor<LinkerInput> buffer() {
            return new ListStateDescriptor<>("buffer", TypeInformation.of(LinkerInput.class));
        }

        /** Inputs applied, in order: the linker is rebuilt from them after a restore. */
        public static ListStateDescriptor<LinkerInput> log() {
            return new ListStateDescriptor<>("log", TypeInformation.of(LinkerInput.class));
        }

        /** The last {@code events.discovered} record per event id. */
        public static MapStateDescriptor<String, Event> emitted() {
            return new MapStateDescriptor<>(
                    "emitted", Types.STRING, TypeInformation.of(Event.class));
        }
    }

    /** {@code event-resolution}, keyed by canonical event id. */
    public static final class EventResolution {
        private EventResolution() {}

        /** Updates not yet applied (their order time is ahead of the watermark). */
        public static ListStateDescriptor<EventMarketUpdate> buffer() {
            return new ListStateDescriptor<>("buffer", TypeInformation.of(EventMarketUpdate.class));
        }

        /** The event's markets, relations and last emitted resolution. */
        public static ValueStateDescriptor<EventResolutionState> resolution() {
            return new ValueStateDescriptor<>(
                    "resolution", TypeInformation.of(EventResolutionState.class));
        }
    }
}
