package io.marketstreams.connectors.polymarket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PolymarketBookHashTest {

    @Test
    void reproducesTheOfficialClientTestVector() {
        // py-clob-client tests/test_utilities.py (version with last_trade_price, 0.34.4+).
        List<PolymarketBookHash.Level> bids =
                List.of(
                        new PolymarketBookHash.Level("0.3", "100"),
                        new PolymarketBookHash.Level("0.4", "100"));
        List<PolymarketBookHash.Level> asks =
                List.of(
                        new PolymarketBookHash.Level("0.6", "100"),
                        new PolymarketBookHash.Level("0.7", "100"));
        assertThat(
                        PolymarketBookHash.summaryHash(
                                "0xaabbcc",
                                "100",
                                "123456789",
                                bids,
                                asks,
                                "100",
                                "0.01",
                                false,
                                "0.5"))
                .isEqualTo("0458ea5755c9f73d64a14636fa5c36ed460ec394");
    }

    @Test
    void hashOfABookWithAbsentOptionalFieldsIsStable() {
        String hash =
                PolymarketBookHash.summaryHash(
                        "0xaabbcc", "100", "1", List.of(), List.of(), null, null, null, null);
        assertThat(hash).hasSize(40).matches("[0-9a-f]{40}");
        assertThat(
                        PolymarketBookHash.summaryHash(
                                "0xaabbcc",
                                "100",
                                "1",
                                List.of(),
                                List.of(),
                                null,
                                null,
                                null,
                                null))
                .isEqualTo(hash);
    }
}
