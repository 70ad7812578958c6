package io.marketstreams.jobs.core.market;

import io.marketstreams.jobs.core.catalog.EventMarketUpdate;
import io.marketstreams.jobs.core.lifecycle.LifecycleResult;
import io.marketstreams.jobs.core.lifecycle.MarketLifecycle;
import io.marketstreams.jobs.core.lifecycle.MarketRecord;
import io.marketstreams.jobs.core.lifecycle.MarketRecord.EventAssignment;
import io.marketstreams.schema.MarketResolution;
import io.marketstreams.schema.MarketSnapshot;
import io.marketstreams.schema.MarketUpdate;
import io.marketstreams.schema.StreamTopic;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Releases what waits in a market's {@link MarketOutbox} once the watermark has passed its time
 * (docs/contract.md, "Cross-venue events"): the records in the order they were decided, merged by
 * time with the linker's assignments, each record stamped with the canonical event in force at its
 * time and numbered ({@code markets.updated} revisions, per-market numbers of the event stage's
 * updates) in that order. An assignment that changes the canonical event of the market's venue
 * event is a re-point: a {@code markets.updated} patch of {@code event_id}, the move told to both
 * events' resolution stages, and the last snapshot re-stamped with the new id.
 *
 * <p>Every assignment at or before the watermark has arrived (the linker emits it before its
 * watermark passes its time), so what is released, and in which order, does not depend on how the
 * market's two inputs interleaved.
 */
final class OutboxRelease {
    /**
     * Time order; at equal times an assignment first (it is in force from its time on), else the
     * order the entries were added (records keep their decision order: their times never decrease).
     */
    private static final Comparator<OutboxEntry> ORDER =
            Comparator.<OutboxEntry>comparingLong(e -> e.time)
                    .thenComparingInt(e -> e.kind == OutboxEntry.Kind.ASSIGNMENT ? 0 : 1);

    private final MarketLifecycle lifecycle;

    OutboxRelease(MarketLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    /** Releases every entry whose time the watermark has passed, in time order. */
    void release(MarketCall call, long watermark) {
        MarketOutbox outbox = call.outboxIfAny();
        if (outbox == null || outbox.entries.isEmpty()) {
            return;
        }
        List<OutboxEntry> due = new ArrayList<>();
        List<OutboxEntry> later = new ArrayList<>();
        for (OutboxEntry e : outbox.entries) {
            (e.time <= watermark ? due : later).add(e);
        }
        if (due.isEmpty()) {
            return;
        }
        due.sort(ORDER);
        boolean numbered = false;
        for (OutboxEntry e : due) {
            release(call, outbox, e);
            numbered |=
                    e.kind != OutboxEntry.Kind.SNAPSHOT && e.kind != OutboxEntry.Kind.RESOLUTION;
        }
        outbox.entries = later;
        call.store.saveOutbox(outbox);
        if (numbered) {
            // Revisions, per-market numbers or the event id moved on: the record is written
            // back. Snapshots and resolutions alone leave it as it was (one state write less).
            call.changed();
        }
    }

    private void release(MarketCall call, MarketOutbox outbox, OutboxEntry e) {
        MarketRecord rec = call.rec;
        switch (e.kind) {
            case SNAPSHOT -> {
                e.snapshot.setEventId(rec.market.getEventId());
                e.snapshot.setMetadataRevision(rec.metadataRevision);
                outbox.lastSnapshot = e.snapshot;
                call.emit(StreamTopic.MARKETS_SNAPSHOTS, e.snapshot);
            }
            case UPDATE -> update(call, outbox, e);
            case RESOLUTION -> {
                e.resolution.setEventId(rec.market.getEventId());
                call.emit(StreamTopic.MARKETS_RESOLVED, e.resolution);
            }
            case TO_EVENT ->
                    toEvent(
                            call,
                            outbox,
                            rec.market.getEventId(),
                            e.eventKind,
                            e.resolution,
                            e.time,
                            e.ingestTime);
            case ASSIGNMENT -> assignment(call, outbox, e.assignment);
        }
    }

    /**
     * A metadata patch: numbered now, and with {@code event_id} when it moved the market to a venue
     * event of another canonical event (then both events' stages hear of the move, as for a
     * re-point). A move that keeps the canonical event and changes nothing else emits nothing.
     */
    private void update(MarketCall call, MarketOutbox outbox, OutboxEntry e) {
        MarketRecord rec = call.rec;
        MarketUpdate update = e.update;
        outbox.venueEventKey = e.venueEventKey;
        String previous = rec.market.getEventId();
        String now = rec.canonicalEvents.getOrDefault(e.venueEventKey, e.venueEventKey);
        boolean moved = !now.equals(previous);
        if (moved) {
            List<String> mask = new ArrayList<>();
            mask.add("event_id");
            mask.addAll(update.getFieldMask());
            update.setFieldMask(mask);
            update.setEventId(now);
            rec.market.setEventId(now);
        }
        if (update.getFieldMask().isEmpty()) {
            return;
        }
        update.setRevision(++rec.metadataRevision);
        call.emit(StreamTopic.MARKETS_UPDATED, update);
        if (moved) {
            tellMove(call, outbox, previous, now, e.time, update.getIngestTime());
        }
    }

    /** Applies an assignment; re-points the market when it changes the market's event. */
    private void assignment(MarketCall call, MarketOutbox outbox, EventAssignment a) {
        MarketRecord rec = call.rec;
        rec.canonicalEvents.put(a.venueEventKey, a.eventId);
        if (!a.venueEventKey.equals(outbox.venueEventKey)) {
            return;
        }
        String previous = rec.market.getEventId();
        LifecycleResult result = lifecycle.repoint(rec, a.eventId, a.venueTime, a.time);
        if (result.update() == null) {
            return;
        }
        call.emit(StreamTopic.MARKETS_UPDATED, result.update());
        tellMove(call, outbox, previous, a.eventId, Math.max(a.time, rec.discoveryTime), a.time);
        MarketSnapshot snapshot = restamped(call, outbox, a.venueTime, a.time);
        outbox.lastSnapshot = snapshot;
        call.emit(StreamTopic.MARKETS_SNAPSHOTS, snapshot);
    }

    /**
     * The last snapshot released, with the market's event id and revision now: the market's state
     * as of its last snapshot (at most {@code snapshot-every} applied messages old), not as of the
     * moment the re-point happens to be released, which varies between runs. A market restored from
     * a version without an outbox that has released no snapshot since gets one of its current
     * state.
     */
    private MarketSnapshot restamped(
            MarketCall call, MarketOutbox outbox, long venueTime, long ingestTime) {
        MarketRecord rec = call.rec;
        MarketSnapshot base =
                outbox.lastSnapshot != null
                        ? outbox.lastSnapshot
                        : MarketSnapshots.of(
                                lifecycle, rec, call.store.books(), venueTime, ingestTime);
        return MarketSnapshot.newBuilder(base)
                .setEventId(rec.market.getEventId())
                .setMetadataRevision(rec.metadataRevision)
                .setSnapshotTime(venueTime)
                .setIngestTime(ingestTime)
                .build();
    }

    /**
     * Tells the event stages that the market left {@code previous} and joined {@code now} with what
     * {@code previous} was told of its dispute or resolution.
     */
    private static void tellMove(
            MarketCall call,
            MarketOutbox outbox,
            String previous,
            String now,
            long orderTime,
            long ingestTime) {
        toEvent(call, outbox, previous, EventMarketUpdate.Kind.LEFT, null, orderTime, ingestTime);
        toEvent(call, outbox, now, EventMarketUpdate.Kind.DISCOVERED, null, orderTime, ingestTime);
        if (outbox.disputed) {
            toEvent(
                    call,
                    outbox,
                    now,
                    EventMarketUpdate.Kind.DISPUTED,
                    null,
                    orderTime,
                    ingestTime);
        } else if (outbox.resolution != null) {
            toEvent(
                    call,
                    outbox,
                    now,
                    EventMarketUpdate.Kind.RESOLVED,
                    outbox.resolution,
                    orderTime,
                    ingestTime);
        }
    }

    private static void toEvent(
            MarketCall call,
            MarketOutbox outbox,
            String eventId,
            EventMarketUpdate.Kind kind,
            MarketResolution resolution,
            long orderTime,
            long ingestTime) {
        if (kind == EventMarketUpdate.Kind.DISPUTED) {
            outbox.disputed = true;
        } else if (kind == EventMarketUpdate.Kind.RESOLVED) {
            outbox.disputed = false;
            outbox.resolution = resolution;
        }
        MarketRecord rec = call.rec;
        call.toEvent(
                EventMarketUpdate.fromMarket(
                        eventId,
                        rec.market.getMarketId(),
                        kind,
                        orderTime,
                        ++rec.eventUpdates,
                        ingestTime,
                        resolution));
    }
}
