package io.marketstreams.jobs;

import io.marketstreams.jobs.flink.RawFrameFunction;
import io.marketstreams.jobs.flink.RecordAccounting;
import io.marketstreams.jobs.kafka.KafkaWiring;
import io.marketstreams.jobs.kafka.SourceRange;
import io.marketstreams.jobs.kafka.TopicProvisioner;
import io.marketstreams.jobs.topology.CanonicalTopology;
import io.marketstreams.schema.StreamTopic;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * Replays a range of the input topics (raw or {@code venue.messages}) through the canonical job
 * into a namespace of its own ({@code bin/replay}, docs/operations.md "Replay and backfill"): the
 * output topics, consumer group and transactional id prefix all derive from the namespace, so the
 * live job and its outputs are never touched. The sinks carry their own uids, so a backfill
 * restored from a live savepoint (with {@code --allowNonRestoredState}) leaves the live sinks'
 * transactions alone.
 *
 * <p>Arguments: {@code --namespace NAME} (required), {@code --from POSITION} (default {@code
 * earliest}), {@code --to POSITION} (default {@code latest}; {@code none} for an unbounded
 * backfill), {@code --partitions N} (of the new output topics; default the catalog's), {@code
 * --bootstrap HOST:PORT}, then what {@link CanonicalJob#main} takes: {@code --config-dir DIR} and
 * {@code --<key> <value>} overrides. Positions are those of {@link SourceRange}.
 */
public final class ReplayJob {
    /** Prefix of the consumer group and transactional id prefix of a replay namespace. */
    public static final String ID_PREFIX = "marketstreams-replay-";

    /** Prefix of the sink uids of a replay. */
    public static final String SINK_UID_PREFIX = "replay-";

    /** Settings that {@code --namespace}, {@code --from} and {@code --to} own. */
    private static final List<String> DERIVED_KEYS =
            List.of(
                    CanonicalJobOptions.OUTPUT_NAMESPACE.key(),
                    CanonicalJobOptions.GROUP_ID.key(),
                    CanonicalJobOptions.TRANSACTIONAL_ID_PREFIX.key(),
                    CanonicalJobOptions.STARTING_OFFSETS.key(),
                    CanonicalJobOptions.STOP_AT.key(),
                    CanonicalJobOptions.BOUNDED.key());

    private ReplayJob() {}

    /** A parsed command line: the replay's configuration and its output partitions (0: default). */
    public record Request(Configuration configuration, int partitions) {}

    /** Parses the command line into the replay's configuration; errors say what is wrong. */
    public static Request parse(String[] args) {
        String namespace = null;
        String from = "earliest";
        String to = "latest";
        int partitions = 0;
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i];
            if (!name.startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException(
                        "expected --option value pairs, got '" + name + "' at position " + i);
            }
            String value = args[i + 1];
            switch (name) {
                case "--namespace" -> namespace = value;
                case "--from" -> from = value;
                case "--to" -> to = value;
                case "--bootstrap" -> {
                    rest.add("--" + CanonicalJobOptions.BOOTSTRAP_SERVERS.key());
                    rest.add(value);
                }
                case "--partitions" -> {
                    try {
                        partitions = Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        partitions = -1;
                    }
                    if (partitions < 1) {
                        throw new IllegalArgumentException(
                                "--partitions must be a positive number, not '" + value + "'");
                    }
                }
                default -> {
                    if (DERIVED_KEYS.contains(name.substring(2))) {
                        throw new IllegalArgumentException(
                                name
                                        + " is set by --namespace, --from and --to; a replay"
                                        + " never takes it directly");
                    }
                    rest.add(name);
                    rest.add(value);
                }
            }
        }
        if (namespace == null) {
            throw new IllegalArgumentException("--namespace NAME is required");
        }
        Configuration base = JobConfiguration.fromArgs(rest.toArray(String[]::new));
        return new Request(configure(base, namespace, from, to), partitions);
    }

    /**
     * The replay's configuration: the base (live) configuration with the output namespace, consumer
     * group and transactional id prefix of {@code namespace}, and the range {@code from} (a start
     * position) to {@code to} (a stop position, or {@code none}).
     *
     * @throws IllegalArgumentException for an empty or malformed namespace, the live output
     *     namespace, a start that is no fixed position, or a bad position
     */
    public static Configuration configure(
            Configuration base, String namespace, String from, String to) {
        String name = namespace == null ? "" : namespace.trim();
        if (name.isEmpty()) {
            throw new IllegalArgumentException(
                    "a replay needs a namespace of its own (--namespace NAME): the empty namespace"
                            + " holds the live outputs");
        }
        if (!name.matches("[a-zA-Z0-9_-][a-zA-Z0-9._-]*")) {
            throw new IllegalArgumentException(
                    "namespace '"
                            + name
                            + "' is not a topic-name prefix: use letters, digits, '.', '_' and"
                            + " '-'");
        }
        String live = base.get(CanonicalJobOptions.OUTPUT_NAMESPACE);
        if (name.equals(live)) {
            throw new IllegalArgumentException(
                    "namespace '" + name + "' is the live output namespace of this configuration");
        }
        String start = from.trim();
        if (!start.equals("earliest")
                && !start.startsWith("timestamp:")
                && !start.startsWith("offsets:")) {
            throw new IllegalArgumentException(
                    "--from must be earliest, timestamp:<epoch-ms> or"
                            + " offsets:<topic>:<partition>:<offset>,... (a fixed position), not '"
                            + from
                            + "'");
        }
        String id = ID_PREFIX + name;
        if (id.equals(base.get(CanonicalJobOptions.GROUP_ID))
                || id.equals(base.get(CanonicalJobOptions.TRANSACTIONAL_ID_PREFIX))) {
            throw new IllegalArgumentException(
                    "the live job's group id or transactional id prefix is '"
                            + id
                            + "', the replay's for namespace '"
                            + name
                            + "': choose another namespace");
        }
        Configuration conf = new Configuration(base);
        conf.set(CanonicalJobOptions.OUTPUT_NAMESPACE, name);
        conf.set(CanonicalJobOptions.GROUP_ID, id);
        conf.set(CanonicalJobOptions.TRANSACTIONAL_ID_PREFIX, id);
        conf.set(CanonicalJobOptions.STARTING_OFFSETS, start);
        boolean unbounded = to.trim().equals("none");
        conf.set(CanonicalJobOptions.STOP_AT, unbounded ? "" : to.trim());
        conf.set(CanonicalJobOptions.BOUNDED, !unbounded);
        SourceRange.from(conf); // fails now, not at submission, on a bad position
        return conf;
    }

    /**
     * Creates the replay's output topics and runs the job; returns when a bounded replay has read
     * its range and committed its output (or at once, detached, on a cluster).
     *
     * @throws IllegalStateException if the namespace's output topics already hold records: a second
     *     replay into them would append, not replace
     */
    public static JobExecutionResult run(Configuration conf, ToIntFunction<StreamTopic> partitions)
            throws Exception {
        String namespace = conf.get(CanonicalJobOptions.OUTPUT_NAMESPACE);
        String bootstrap = conf.get(CanonicalJobOptions.BOOTSTRAP_SERVERS);
        List<StreamTopic> outputs =
                Arrays.stream(StreamTopic.values()).filter(StreamTopic::isOutput).toList();
        TopicProvisioner.Result topics =
                TopicProvisioner.ensureTopics(bootstrap, namespace, outputs, partitions);
        Set<String> used = nonEmpty(bootstrap, topics.existing());
        if (!used.isEmpty()) {
            throw new IllegalStateException(
                    "namespace '"
                            + namespace
                            + "' already holds records in "
                            + used
                            + ": replay into a new namespace, or delete its topics first");
        }
        StreamExecutionEnvironment env = JobEnvironment.of(conf);
        CanonicalTopology.sinkTo(
                KafkaWiring.build(env, conf), KafkaWiring.sinks(conf), SINK_UID_PREFIX);
        return env.execute(ID_PREFIX + namespace);
    }

    private static Set<String> nonEmpty(String bootstrap, List<String> topics) throws Exception {
        if (topics.isEmpty()) {
            return Set.of();
        }
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(props)) {
            Map<TopicPartition, OffsetSpec> query = new TreeMap<>(ReplayJob::compare);
            admin.describeTopics(topics)
                    .allTopicNames()
                    .get()
                    .forEach(
                            (topic, d) ->
                                    d.partitions()
                                            .forEach(
                                                    p ->
                                                            query.put(
                                                                    new TopicPartition(
                                                                            topic, p.partition()),
                                                                    OffsetSpec.latest())));
            return admin.listOffsets(query).all().get().entrySet().stream()
                    .filter(e -> e.getValue().offset() > 0)
                    .map(e -> e.getKey().topic())
                    .collect(Collectors.toCollection(java.util.TreeSet::new));
        }
    }

    private static int compare(TopicPartition a, TopicPartition b) {
        int byTopic = a.topic().compareTo(b.topic());
        return byTopic != 0 ? byTopic : Integer.compare(a.partition(), b.partition());
    }

    /** Runs a replay from the command line; prints the accounting of a bounded replay. */
    public static void main(String[] args) throws Exception {
        Request request;
        try {
            request = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("replay: " + e.getMessage());
            System.exit(2);
            return;
        }
        Configuration conf = request.configuration();
        String namespace = conf.get(CanonicalJobOptions.OUTPUT_NAMESPACE);
        System.out.println(
                "replay into namespace '"
                        + namespace
                        + "' ("
                        + SourceRange.from(conf)
                        + "), inputs "
                        + conf.get(CanonicalJobOptions.INPUTS)
                        + ", group and transactional id prefix "
                        + ID_PREFIX
                        + namespace);
        JobExecutionResult result;
        try {
            result =
                    run(
                            conf,
                            request.partitions() > 0
                                    ? t -> request.partitions()
                                    : StreamTopic::defaultPartitions);
        } catch (IllegalStateException e) {
            System.err.println("replay: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (!result.isJobExecutionResult()) {
            System.out.println("submitted job " + result.getJobID());
            return;
        }
        Map<String, Object> acc = result.getAllAccumulatorResults();
        for (String name :
                List.of(
                        RawFrameFunction.Names.IN,
                        RecordAccounting.Names.IN,
                        RecordAccounting.Names.EMITTED,
                        RecordAccounting.Names.QUARANTINED,
                        RecordAccounting.Names.DUPLICATES)) {
            if (acc.containsKey(name)) {
                System.out.println("  " + name + " = " + acc.get(name));
            }
        }
        System.out.println(
                "done in " + result.getNetRuntime() + " ms; outputs in " + namespace + ".*");
    }
}
