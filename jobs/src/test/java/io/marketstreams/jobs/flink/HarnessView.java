package io.marketstreams.jobs.flink;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.State;
import org.apache.flink.api.common.state.StateDescriptor;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.api.operators.SimpleOperatorFactory;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;

/**
 * What an operator running in one of Flink's test harnesses counted, emitted on a side output and
 * holds in keyed state, read the same way on the heap and the RocksDB backend: the operator tests
 * assert on these rather than on the operators' internals.
 */
final class HarnessView {
    private HarnessView() {}

    /** The keyed state backends the operator tests run on. */
    enum Backend {
        HEAP,
        /** The production backend: state goes through its serializers on every access. */
        ROCKSDB;

        /** Sets this backend on a harness that is not set up yet. */
        <H extends AbstractStreamOperatorTestHarness<?>> H on(H harness) {
            if (this == ROCKSDB) {
                harness.setStateBackend(new EmbeddedRocksDBStateBackend());
            }
            return harness;
        }
    }

    /**
     * A keyed process function in the keyed one-input harness on {@code backend}, set up but not
     * opened (restore with {@code initializeState} first). Records in and out go through the
     * serializers of {@code inputType} and {@code outputType}, as on the job's network stack.
     */
    static <I, O> KeyedOneInputStreamOperatorTestHarness<String, I, O> keyed(
            KeyedProcessFunction<String, I, O> function,
            KeySelector<I, String> key,
            TypeInformation<I> inputType,
            TypeInformation<O> outputType,
            Backend backend)
            throws Exception {
        SerializerConfigImpl config = new SerializerConfigImpl();
        KeyedOneInputStreamOperatorTestHarness<String, I, O> h =
                backend.on(
                        new KeyedOneInputStreamOperatorTestHarness<>(
                                SimpleOperatorFactory.of(new KeyedProcessOperator<>(function)),
                                key,
                                Types.STRING,
                                inputType.createSerializer(config)));
        h.setup(outputType.createSerializer(config));
        return h;
    }

    /** A (not keyed) process function in the one-input harness, set up but not opened. */
    static <I, O> OneInputStreamOperatorTestHarness<I, O> unkeyed(
            ProcessFunction<I, O> function,
            TypeInformation<I> inputType,
            TypeInformation<O> outputType)
            throws Exception {
        SerializerConfigImpl config = new SerializerConfigImpl();
        OneInputStreamOperatorTestHarness<I, O> h =
                new OneInputStreamOperatorTestHarness<>(
                        new ProcessOperator<>(function), inputType.createSerializer(config));
        h.setup(outputType.createSerializer(config));
        return h;
    }

    /** The local value of an accumulator the operator increments ({@link RecordAccounting}). */
    static long counter(AbstractStreamOperatorTestHarness<?> h, String name) {
        return h.getOperator().getRuntimeContext().getLongCounter(name).getLocalValue();
    }

    /** The values of a side output so far, in order (empty when none). */
    static <T> List<T> side(AbstractStreamOperatorTestHarness<?> h, OutputTag<T> tag) {
        List<T> values = new ArrayList<>();
        var records = h.getSideOutput(tag);
        if (records != null) {
            records.forEach(r -> values.add(r.getValue()));
        }
        return values;
    }

    /** The keys that hold a value of the state (any backend). */
    static List<Object> keysWith(AbstractStreamOperatorTestHarness<?> h, StateDescriptor<?, ?> d) {
        KeyedStateBackend<Object> backend = h.getOperator().getKeyedStateBackend();
        try (Stream<Object> keys = backend.getKeys(d.getName(), VoidNamespace.INSTANCE)) {
            return keys.sorted().toList();
        }
    }

    /** A value state of one key; null when it holds none. */
    static <T> T value(
            AbstractStreamOperatorTestHarness<?> h, Object key, ValueStateDescriptor<T> d)
            throws Exception {
        return state(h, key, d).value();
    }

    /** A list state of one key; empty when it holds none. */
    static <T> List<T> list(
            AbstractStreamOperatorTestHarness<?> h, Object key, ListStateDescriptor<T> d)
            throws Exception {
        List<T> values = new ArrayList<>();
        Iterable<T> stored = state(h, key, d).get();
        if (stored != null) {
            stored.forEach(values::add);
        }
        return values;
    }

    /** A map state of one key, in iteration order; empty when it holds none. */
    static <K, V> Map<K, V> map(
            AbstractStreamOperatorTestHarness<?> h, Object key, MapStateDescriptor<K, V> d)
            throws Exception {
        Map<K, V> entries = new LinkedHashMap<>();
        for (Map.Entry<K, V> e : state(h, key, d).entries()) {
            entries.put(e.getKey(), e.getValue());
        }
        return entries;
    }

    private static <S extends State> S state(
            AbstractStreamOperatorTestHarness<?> h, Object key, StateDescriptor<S, ?> d)
            throws Exception {
        AbstractStreamOperator<?> operator = h.getOperator();
        operator.setCurrentKey(key);
        return operator.getKeyedStateBackend()
                .getPartitionedState(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE, d);
    }
}
