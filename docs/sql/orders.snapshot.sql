-- Stream orders.snapshot: values are plain Avro binary of OrderBookSnapshot.avsc (current version),
-- decoded by the marketstreams-avro format (io.marketstreams.lake.sql). Kafka key: market_id|outcome_id.
-- Columns are generated from the schema; DocsSqlTest checks them.
CREATE TABLE `orders_snapshot` (
  `market_id` STRING NOT NULL,
  `outcome_id` STRING NOT NULL,
  `venue_id` STRING NOT NULL,
  `sequence_start` BIGINT NOT NULL,
  `bids` ARRAY<ROW<`price` BIGINT NOT NULL, `quantity` BIGINT NOT NULL> NOT NULL> NOT NULL,
  `asks` ARRAY<ROW<`price` BIGINT NOT NULL, `quantity` BIGINT NOT NULL> NOT NULL> NOT NULL,
  `checksum` BIGINT NOT NULL,
  `reason` STRING NOT NULL,
  `health` STRING NOT NULL,
  `venue_sequence` BIGINT,
  `venue_event_time` BIGINT NOT NULL,
  `ingest_time` BIGINT NOT NULL,
  `kafka_key` STRING,
  `ts` AS TO_TIMESTAMP_LTZ(`venue_event_time`, 3),
  WATERMARK FOR `ts` AS `ts` - INTERVAL '5' SECOND
) WITH (
  'connector' = 'kafka',
  'topic' = 'orders.snapshot',
  'properties.bootstrap.servers' = 'localhost:9092',
  'properties.isolation.level' = 'read_committed',
  'scan.startup.mode' = 'earliest-offset',
  'key.format' = 'raw',
  'key.fields' = 'kafka_key',
  'value.format' = 'marketstreams-avro',
  'value.marketstreams-avro.stream' = 'orders.snapshot',
  'value.fields-include' = 'EXCEPT_KEY'
);
