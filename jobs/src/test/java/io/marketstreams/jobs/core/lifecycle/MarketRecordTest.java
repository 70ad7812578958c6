package io.marketstreams.jobs.core.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketstreams.jobs.core.book.BookCursor;
import io.marketstreams.jobs.core.book.BookState;
import io.marketstreams.jobs.core.book.MarketBookSet;
import io.marketstreams.schema.Market;
import io.marketstreams.schema.MarketResolution;
import io.marketstreams.schema.MarketState;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link MarketRecord#blank()}: the market stage drops a blank value from state, so a record that
 * knows anything at all must not count as blank — also when a field is added to the record.
 */
class MarketRecordTest {

    /** A value other than the field's initial one. */
    private static Object changed(Field field, Object initial) {
        Class<?> type = field.getType();
        if (type == long.class) {
            return (long) initial + 1;
        }
        if (type == int.class) {
            return (int) initial + 1;
        }
        if (type == boolean.class) {
            return !(boolean) initial;
        }
        if (type == Long.class) {
            return 1L;
        }
        if (type == String.class) {
            return "x";
        }
        if (type == Map.class) {
            return new HashMap<>(Map.of("kalshi:E", 1L));
        }
        if (type == List.class) {
            return new ArrayList<>(List.of(MarketRecord.EventAssignment.of("kalshi:E", "e", 1, 1)));
        }
        if (type == MarketState.class) {
            return MarketState.OPEN;
        }
        if (type == Market.class) {
            return new Market();
        }
        if (type == MarketResolution.class) {
            return new MarketResolution();
        }
        throw new AssertionError("no changed value for field " + field + ": extend this test");
    }

    @Test
    void aNewRecordIsBlankAndChangingAnyOneFieldMakesItNot() throws Exception {
        assertThat(new MarketRecord().blank()).isTrue();
        int fields = 0;
        for (Field field : MarketRecord.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers())) {
                continue;
            }
            MarketRecord record = new MarketRecord();
            field.set(record, changed(field, field.get(record)));
            assertThat(record.blank()).as("with %s changed", field.getName()).isFalse();
            fields++;
        }
        assertThat(fields).as("fields checked").isPositive();
    }

    @Test
    void aBookSetIsBlankOnlyWithoutBooksCursorOrKnowledge() {
        MarketBookSet set = new MarketBookSet();
        assertThat(set.blank()).as("new").isTrue();
        set.lifecycle = new MarketRecord();
        assertThat(set.blank()).as("with a new record").isTrue();

        set.lifecycle.pending = 1;
        assertThat(set.blank()).as("holding input").isFalse();
        set.lifecycle.pending = 0;
        set.cursor = new BookCursor();
        assertThat(set.blank()).as("with a cursor").isFalse();
        set.cursor = null;
        set.books.put("YES", new BookState());
        assertThat(set.blank()).as("with a book").isFalse();
    }
}
