package io.marketstreams.jobs;

import static org.apache.flink.configuration.ConfigOptions.key;

import io.marketstreams.connectors.raw.InputLimits;
import java.time.Duration;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.MemorySize;

/**
 * Application settings of the canonical job. They are read from the same {@code config.yaml} as
 * Flink's own settings (see {@code flink-conf/}) and can be overridden on the command line with
 * {@code --<key> <value>}. docs/operations.md lists them.
 */
public final class CanonicalJobOptions {
    private CanonicalJobOptions() {}

    public static final ConfigOption<String> BOOTSTRAP_SERVERS =
            key("marketstreams.kafka.bootstrap-servers")
                    .stringType()
                    .defaultValue("localhost:9092")
                    .withDescription("Kafka bootstrap servers for input and output topics.");

    public static final ConfigOption<String> INPUT_NAMESPACE =
            key("marketstreams.topics.input-namespace")
                    .stringType()
                    .defaultValue("")
                    .withDescription(
                            "Prefix of the input topic name ('' reads venue.messages; 'x' reads"
                                    + " x.venue.messages).");

    public static final ConfigOption<String> OUTPUT_NAMESPACE =
            key("marketstreams.topics.output-namespace")
                    .stringType()
                    .defaultValue("")
                    .withDescription(
                            "Prefix of every output topic name; a replay writes to its own"
                                    + " namespace.");

    public static final ConfigOption<String> GROUP_ID =
            key("marketstreams.kafka.group-id")
                    .stringType()
                    .defaultValue("marketstreams-canonical")
                    .withDescription("Consumer group of the venue.messages source.");

    public static final ConfigOption<String> TRANSACTIONAL_ID_PREFIX =
            key("marketstreams.kafka.transactional-id-prefix")
                    .stringType()
                    .defaultValue("marketstreams-canonical")
                    .withDescription(
                            "Transactional id prefix of the exactly-once sinks; unique per"
                                    + " running job (each stream appends its name).");

    public static final ConfigOption<String> DELIVERY =
            key("marketstreams.delivery")
                    .stringType()
                    .defaultValue("exactly-once")
                    .withDescription(
                            "exactly-once (Kafka transactions committed on checkpoint) or"
                                    + " at-least-once (lower latency; a restart may repeat"
                                    + " records, which clients drop by sequence).");

    public static final ConfigOption<Duration> TRANSACTION_TIMEOUT =
            key("marketstreams.kafka.transaction-timeout")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(15))
                    .withDescription(
                            "Producer transaction.timeout.ms; must exceed the longest checkpoint"
                                    + " plus restart time and stay below the broker's"
                                    + " transaction.max.timeout.ms.");

    public static final ConfigOption<String> STARTING_OFFSETS =
            key("marketstreams.source.starting-offsets")
                    .stringType()
                    .defaultValue("committed-or-earliest")
                    .withDescription(
                            "Where a job without state starts reading: committed-or-earliest,"
                                    + " earliest, latest, timestamp:<epoch-ms> (first record at"
                                    + " or after that Kafka timestamp) or"
                                    + " offsets:<topic>:<partition>:<offset>,... (unlisted"
                                    + " partitions start at their beginning). A restored job"
                                    + " always continues from its checkpointed offsets.");

    public static final ConfigOption<Boolean> BOUNDED =
            key("marketstreams.source.bounded")
                    .booleanType()
                    .defaultValue(false)
                    .withDescription(
                            "Stop at the input's end offsets as of job start (replays and"
                                    + " tests); the same as stop-at: latest.");

    public static final ConfigOption<String> STOP_AT =
            key("marketstreams.source.stop-at")
                    .stringType()
                    .defaultValue("")
                    .withDescription(
                            "Where a bounded run stops, exclusive; setting it makes the source"
                                    + " bounded: latest (end offsets at job start),"
                                    + " timestamp:<epoch-ms> (before the first record at or"
                                    + " after that Kafka timestamp) or"
                                    + " offsets:<topic>:<partition>:<offset>,... (all"
                                    + " partitions of a named topic; unnamed topics stop at"
                                    + " their end). Empty: unbounded unless"
                                    + " marketstreams.source.bounded.");

    public static final ConfigOption<Duration> DEDUPE_RETENTION =
            key("marketstreams.trades.dedupe-retention")
                    .durationType()
                    .defaultValue(Duration.ofHours(24))
                    .withDescription(
                            "Venue event time a trade id is remembered behind the market's"
                                    + " newest trade. Older trades are quarantined as"
                                    + " BEYOND_DEDUPE_HORIZON.");

    public static final ConfigOption<Duration> DEDUPE_BUCKET =
            key("marketstreams.trades.dedupe-bucket")
                    .durationType()
                    .defaultValue(Duration.ofHours(1))
                    .withDescription("Eviction granularity of remembered trade ids.");

    public static final ConfigOption<Integer> BOOK_MAX_LEVELS =
            key("marketstreams.books.max-levels-per-side")
                    .intType()
                    .defaultValue(1000)
                    .withDescription(
                            "Most levels a book side may hold: the raw stage refuses a venue"
                                    + " message listing more on a side (twice as many changes for"
                                    + " a delta), the market stage one that would leave a book"
                                    + " side with more; both quarantine it as LEVEL_LIMIT and the"
                                    + " book resyncs.");

    public static final ConfigOption<MemorySize> RAW_MAX_FRAME_BYTES =
            key("marketstreams.raw.max-frame-bytes")
                    .memoryType()
                    .defaultValue(MemorySize.ofMebiBytes(4))
                    .withDescription(
                            "Largest native frame the raw source passes on. A larger one is"
                                + " quarantined (MALFORMED, limit exceeded) with its size and its"
                                + " first 64 KiB; also sizes the raw source's Kafka fetches.");

    public static final ConfigOption<Integer> RAW_MAX_JSON_DEPTH =
            key("marketstreams.raw.max-json-depth")
                    .intType()
                    .defaultValue(InputLimits.DEFAULTS.maxJsonDepth())
                    .withDescription(
                            "Most nested JSON arrays and objects in a native frame; deeper frames"
                                    + " are quarantined (MALFORMED, limit exceeded).");

    public static final ConfigOption<Integer> RAW_MAX_NUMBER_LENGTH =
            key("marketstreams.raw.max-number-length")
                    .intType()
                    .defaultValue(InputLimits.DEFAULTS.maxNumberLength())
                    .withDescription(
                            "Most characters of a JSON number in a native frame, as written and"
                                    + " in plain notation (1e999 is 1000 characters); longer"
                                    + " ones are quarantined (MALFORMED, limit exceeded).");

    public static final ConfigOption<Integer> RAW_MAX_ID_LENGTH =
            key("marketstreams.raw.max-id-length")
                    .intType()
                    .defaultValue(InputLimits.DEFAULTS.maxIdLength())
                    .withDescription(
                            "Most characters of a market, event, trade, outcome or order id"
                                    + " parsed from a native frame; longer ones are quarantined"
                                    + " (MALFORMED, limit exceeded).");

    public static final ConfigOption<Integer> RAW_MAX_TEXT_LENGTH =
            key("marketstreams.raw.max-text-length")
                    .intType()
                    .defaultValue(InputLimits.DEFAULTS.maxTextLength())
                    .withDescription(
                            "Most characters of free text (titles, descriptions, rules, statuses,"
                                + " tags, outcome names; each counting one more) in one message"
                                + " parsed from a native frame; more are quarantined (MALFORMED,"
                                + " limit exceeded). Keeps the job's output records far below"
                                + " Kafka's 1 MiB default.");

    public static final ConfigOption<Integer> RAW_MAX_OUTCOMES =
            key("marketstreams.raw.max-outcomes-per-market")
                    .intType()
                    .defaultValue(InputLimits.DEFAULTS.maxOutcomesPerMarket())
                    .withDescription(
                            "Most outcomes of a market (and payouts of a resolution, outcomes of"
                                    + " one book message) parsed from a native frame; more are"
                                    + " quarantined (MALFORMED, limit exceeded).");

    public static final ConfigOption<Integer> BOOK_SNAPSHOT_EVERY =
            key("marketstreams.books.snapshot-every")
                    .intType()
                    .defaultValue(2000)
                    .withDescription(
                            "A PERIODIC orders.snapshot follows every this many deltas of a book,"
                                    + " so a late client never replays far.");

    public static final ConfigOption<Integer> MARKET_SNAPSHOT_EVERY =
            key("marketstreams.markets.snapshot-every")
                    .intType()
                    .defaultValue(1000)
                    .withDescription(
                            "A markets.snapshots record follows every this many applied book or"
                                    + " trade messages of a market, besides one at discovery and"
                                    + " one per lifecycle change.");

    public static final ConfigOption<Duration> DISCOVERY_TIMEOUT =
            key("marketstreams.markets.discovery-timeout")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(10))
                    .withDescription(
                            "Event time (ingest time) a market waits for its event, and input waits"
                                    + " for its market, before it is quarantined as ORPHAN_MARKET"
                                    + " or UNKNOWN_MARKET.");

    public static final ConfigOption<Duration> CLOSED_RETENTION =
            key("marketstreams.markets.closed-retention")
                    .durationType()
                    .defaultValue(Duration.ofHours(1))
                    .withDescription(
                            "Event time after a market's resolution at which its books and trade"
                                    + " ids are cleared from state (its lifecycle record stays).");

    public static final ConfigOption<Duration> OUT_OF_ORDERNESS =
            key("marketstreams.watermark.out-of-orderness")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(5))
                    .withDescription(
                            "How far ingest times may go backwards within an input"
                                    + " partition. The watermark trails the newest ingest time by"
                                    + " this much; it delays only cross-key decisions (the"
                                    + " linker's, hence the discovery of new events and markets,"
                                    + " orphan markets, event resolution), never books or trades"
                                    + " of discovered markets.");

    public static final ConfigOption<String> INPUTS =
            key("marketstreams.source.inputs")
                    .stringType()
                    .defaultValue("both")
                    .withDescription(
                            "Which inputs the job reads: raw (native frames from raw.kalshi and"
                                    + " raw.polymarket), venue-messages (normalized records), or"
                                    + " both.");

    public static final ConfigOption<Duration> IDLE_TIMEOUT =
            key("marketstreams.watermark.idle-timeout")
                    .durationType()
                    .defaultValue(Duration.ZERO)
                    .withDescription(
                            "Processing time after which an input partition without records stops"
                                    + " holding the watermark back (0 = never). Off by default:"
                                    + " it is the one setting that lets wall-clock time influence"
                                    + " when cross-key decisions happen; enable it when an input"
                                    + " (e.g. venue.messages next to raw topics) may stay empty.");

    public static final ConfigOption<Boolean> LINK_RULES =
            key("marketstreams.links.rules")
                    .booleanType()
                    .defaultValue(true)
                    .withDescription(
                            "Whether automatic rules propose cross-venue links (title, category,"
                                    + " expiry; market descriptions). Curated links from the links"
                                    + " topic apply either way and always win.");

    public static final ConfigOption<Integer> LINK_APPLY_THRESHOLD =
            key("marketstreams.links.apply-threshold")
                    .intType()
                    .defaultValue(8_000)
                    .withDescription(
                            "Confidence in basis points (0..10000) from which a rule-made link is"
                                    + " applied; below it the proposal is only recorded on the"
                                    + " event's link_candidates.");

    public static final ConfigOption<Duration> LINKS_IDLE_TIMEOUT =
            key("marketstreams.links.idle-timeout")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(10))
                    .withDescription(
                            "Processing time after which the links topic, when it has no new"
                                    + " records, stops holding the watermark back. Link changes"
                                    + " apply at their effective time; one written with an"
                                    + " effective time the watermark has already passed applies"
                                    + " at the next watermark (docs/linking.md).");
}
