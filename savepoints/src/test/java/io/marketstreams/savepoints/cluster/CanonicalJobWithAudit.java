package io.marketstreams.savepoints.cluster;

import io.marketstreams.jobs.CanonicalJob;
import io.marketstreams.jobs.CanonicalJobOptions;
import io.marketstreams.jobs.JobConfiguration;
import io.marketstreams.jobs.JobEnvironment;
import io.marketstreams.jobs.kafka.KafkaWiring;
import io.marketstreams.jobs.topology.CanonicalTopology;
import io.marketstreams.jobs.topology.Outputs;
import io.marketstreams.schema.CanonicalStream;
import io.marketstreams.schema.Trade;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A changed version of the canonical job, as an upgrade would ship it: exactly {@link
 * CanonicalJob}'s topology plus a new stateful operator with its own uid, a per-market trade
 * counter writing {@code market_id -> n} (the n-th trade of the market this operator saw) to {@link
 * #AUDIT_TOPIC}. A savepoint of the canonical job restores into it without {@code
 * allowNonRestoredState}: the new operator starts empty, every old one finds its state.
 *
 * <p>The cluster test packs this class into a copy of the shaded job jar and submits it with this
 * entry class.
 */
public final class CanonicalJobWithAudit {
    /** Topic of the counter's output (created by the test). */
    public static final ConfigOption<String> AUDIT_TOPIC =
            ConfigOptions.key("marketstreams.test.audit-topic").stringType().noDefaultValue();

    /** Uid of the added counter. */
    public static final String COUNTER_UID = "audit-trades-per-market";

    /** Uid of the counter's sink. */
    public static final String SINK_UID = "sink-audit-trades-per-market";

    private CanonicalJobWithAudit() {}

    /**
     * Same arguments as {@link CanonicalJob#main}, plus {@code --marketstreams.test.audit-topic}.
     */
    public static void main(String[] args) throws Exception {
        Configuration conf = JobConfiguration.fromArgs(args);
        StreamExecutionEnvironment env = JobEnvironment.of(conf);
        Outputs outputs = KafkaWiring.build(env, conf);
        CanonicalTopology.sinkTo(outputs, KafkaWiring.sinks(conf));
        outputs.get(CanonicalStream.TRADES_EXECUTED)
                .keyBy(Trade::getMarketId)
                .process(new TradesPerMarket())
                .returns(Types.TUPLE(Types.STRING, Types.LONG))
                .uid(COUNTER_UID)
                .name(COUNTER_UID)
                .sinkTo(auditSink(conf))
                .uid(SINK_UID)
                .name(SINK_UID);
        env.execute(CanonicalJob.NAME + "-with-audit");
    }

    private static KafkaSink<Tuple2<String, Long>> auditSink(Configuration conf) {
        String topic = conf.get(AUDIT_TOPIC);
        Properties producer = new Properties();
        producer.put(
                ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
                String.valueOf(conf.get(CanonicalJobOptions.TRANSACTION_TIMEOUT).toMillis()));
        KafkaRecordSerializationSchema<Tuple2<String, Long>> serializer =
                (count, context, timestamp) ->
                        new ProducerRecord<>(
                                topic,
                                count.f0.getBytes(StandardCharsets.UTF_8),
                                Long.toString(count.f1).getBytes(StandardCharsets.UTF_8));
        return KafkaSink.<Tuple2<String, Long>>builder()
                .setBootstrapServers(conf.get(CanonicalJobOptions.BOOTSTRAP_SERVERS))
                .setRecordSerializer(serializer)
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(
                        conf.get(CanonicalJobOptions.TRANSACTIONAL_ID_PREFIX) + "-audit")
                .setKafkaProducerConfig(producer)
                .build();
    }

    /** Counts the trades of each market in keyed state. */
    static final class TradesPerMarket
            extends KeyedProcessFunction<String, Trade, Tuple2<String, Long>> {
        private transient ValueState<Long> count;

        @Override
        public void open(org.apache.flink.api.common.functions.OpenContext context) {
            count = getRuntimeContext().getState(new ValueStateDescriptor<>("trades", Long.class));
        }

        @Override
        public void processElement(
                Trade trade, Context context, Collector<Tuple2<String, Long>> out)
                throws Exception {
            Long before = count.value();
            long n = before == null ? 1 : before + 1;
            count.update(n);
            out.collect(Tuple2.of(trade.getMarketId(), n));
        }
    }
}
