package io.marketstreams.savepoints;

/**
 * One market's lifecycle record as stored in the {@code books} state ({@code MarketBookSet}, field
 * {@code lifecycle}: a {@code MarketRecord}) of the {@code market-state} operator of a savepoint.
 *
 * @param marketId canonical market id, the key of the operator's state
 * @param discovered whether {@code markets.discovered} was emitted for it
 * @param eventId parent event id; {@code null} until discovered
 * @param state lifecycle state ({@code MarketState}); {@code -} until discovered
 * @param stateSequence number of the last transition: the {@code state_sequence} of its last {@code
 *     market.state.updated} record, 0 while it is still in its initial state
 * @param stateTime venue time of the last applied status or discovery; {@code null} if none
 * @param stateReason reason of the current state; {@code null} if none
 * @param metadataRevision 0 at discovery, +1 per {@code markets.updated} patch
 * @param resolutionRevision {@code revision} of the last {@code markets.resolved}; 0 if never
 *     resolved
 * @param resolvedOutcomeId winning outcome of the last resolution; {@code null} if none
 * @param resolutionConfidence confidence of the last resolution; {@code null} if none
 * @param resolutionTime venue time of the last resolution; {@code null} if none
 * @param resolutionSource source of the last resolution; {@code null} if none or unknown
 * @param knownEvents events the market operator was told are discovered
 * @param pending inputs held until the market (or its event) is known
 * @param booksClosed whether the final CLOSED book snapshots were emitted
 * @param cleanupTime event time after which the resolved market's books and trade ids are cleared;
 *     {@code null} while not resolved
 * @param cleaned whether they were cleared
 * @param books number of outcome books held
 * @param lastTradePrice price of the last emitted trade (micro-units); {@code null} before one
 * @param lastTradeOutcomeId outcome of the last trade; {@code null} before one
 */
public record MarketRow(
        String marketId,
        boolean discovered,
        String eventId,
        String state,
        long stateSequence,
        Long stateTime,
        String stateReason,
        long metadataRevision,
        int resolutionRevision,
        String resolvedOutcomeId,
        String resolutionConfidence,
        Long resolutionTime,
        String resolutionSource,
        int knownEvents,
        int pending,
        boolean booksClosed,
        Long cleanupTime,
        boolean cleaned,
        int books,
        Long lastTradePrice,
        String lastTradeOutcomeId) {}
