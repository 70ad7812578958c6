package io.marketstreams.jobs.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.marketstreams.jobs.core.book.BookCursor;
import io.marketstreams.jobs.core.book.BookState;
import io.marketstreams.jobs.core.book.MarketBookSet;
import io.marketstreams.jobs.core.catalog.EventMarketUpdate;
import io.marketstreams.jobs.core.catalog.EventResolutionState;
import io.marketstreams.jobs.core.catalog.RelationEdge;
import io.marketstreams.jobs.core.lifecycle.MarketRecord;
import io.marketstreams.jobs.core.market.MarketOutbox;
import io.marketstreams.jobs.core.market.OutboxEntry;
import io.marketstreams.jobs.core.trades.TapeCursor;
import io.marketstreams.schema.StreamTopic;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.state.StateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every type the job sends between stages or keeps in state is serialized by Flink's POJO or Avro
 * serializer, never by Kryo: {@code pipeline.generic-types: false} would fail the job at submit
 * otherwise, and Kryo's format would tie savepoints to class internals.
 */
class NoKryoTypesTest {
    private static SerializerConfigImpl withoutGenericTypes() {
        SerializerConfigImpl config = new SerializerConfigImpl();
        config.setGenericTypes(false);
        return config;
    }

    /** Plain-Java classes travelling between stages or stored in state. */
    static Stream<Class<?>> pojos() {
        return Stream.of(
                IngestedMessage.class,
                IngestedFrame.class,
                EventSignal.class,
                LinkerInput.class,
                EventMarketUpdate.class,
                RelationEdge.class,
                MarketBookSet.class,
                MarketRecord.class,
                MarketRecord.EventAssignment.class,
                MarketOutbox.class,
                OutboxEntry.class,
                BookState.class,
                BookCursor.class,
                TapeCursor.class,
                EventResolutionState.class,
                EventResolutionState.MarketOutcome.class);
    }

    @ParameterizedTest
    @MethodSource("pojos")
    void isAPojoWithoutKryo(Class<?> type) {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(type);
    }

    /** Every stream's record class (and the venue input's): Avro specific records. */
    static Stream<Class<? extends SpecificRecord>> avroRecords() {
        return Stream.of(StreamTopic.values())
                .filter(t -> t.schema() != null)
                .map(t -> SpecificData.get().getClass(t.schema()).asSubclass(SpecificRecord.class));
    }

    @ParameterizedTest
    @MethodSource("avroRecords")
    void avroRecordsUseTheAvroSerializer(Class<? extends SpecificRecord> type) {
        TypeInformation<?> info = TypeInformation.of(type);
        assertThat(info).isInstanceOf(AvroTypeInfo.class);
        assertThatCode(() -> info.createSerializer(withoutGenericTypes()))
                .doesNotThrowAnyException();
    }

    /** What the sources emit: a decoded record or the quarantine record of unreadable bytes. */
    static Stream<Class<?>> sourceRecords() {
        return Stream.of(IngestedMessage.class, IngestedFrame.class, LinkerInput.class);
    }

    @ParameterizedTest
    @MethodSource("sourceRecords")
    void sourceRecordsSerializeWithoutKryo(Class<?> decoded) {
        assertThatCode(() -> SourceRecords.type(decoded).createSerializer(withoutGenericTypes()))
                .doesNotThrowAnyException();
    }

    /** Every keyed state of {@link StateDescriptors}. */
    static Stream<StateDescriptor<?, ?>> states() throws Exception {
        List<StateDescriptor<?, ?>> states = new ArrayList<>();
        for (Class<?> operator : StateDescriptors.class.getDeclaredClasses()) {
            for (Method m : operator.getDeclaredMethods()) {
                if (Modifier.isStatic(m.getModifiers()) && Modifier.isPublic(m.getModifiers())) {
                    states.add((StateDescriptor<?, ?>) m.invoke(null));
                }
            }
        }
        assertThat(states).hasSizeGreaterThanOrEqualTo(17);
        return states.stream();
    }

    @ParameterizedTest
    @MethodSource("states")
    void keyedStateSerializesWithoutKryo(StateDescriptor<?, ?> state) {
        ExecutionConfig config = new ExecutionConfig();
        ((SerializerConfigImpl) config.getSerializerConfig()).setGenericTypes(false);
        assertThatCode(() -> state.initializeSerializerUnlessSet(config))
                .as(state.getName())
                .doesNotThrowAnyException();
        assertThat(state.isSerializerInitialized()).isTrue();
    }
}
