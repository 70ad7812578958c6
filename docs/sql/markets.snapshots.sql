-- Stream markets.snapshots: values are plain Avro binary of MarketSnapshot.avsc (current version),
-- decoded by the marketstreams-avro format (io.marketstreams.lake.sql). Kafka key: market_id.
-- Columns are generated from the schema; DocsSqlTest checks them.
CREATE TABLE `markets_snapshots` (
  `market_id` STRING NOT NULL,
  `event_id` STRING NOT NULL,
  `venue_id` STRING NOT NULL,
  `market_state` STRING NOT NULL,
  `state_sequence` BIGINT NOT NULL,
  `metadata_revision` BIGINT NOT NULL,
  `market_description` STRING NOT NULL,
  `market_type` STRING NOT NULL,
  `close_time` BIGINT,
  `last_trade_price` BIGINT,
  `last_trade_outcome_id` STRING,
  `last_trade_time` BIGINT,
  `quotes` ARRAY<ROW<`outcome_id` STRING NOT NULL, `outcome_name` STRING NOT NULL, `best_bid` ROW<`price` BIGINT NOT NULL, `quantity` BIGINT NOT NULL>, `best_ask` ROW<`price` BIGINT NOT NULL, `quantity` BIGINT NOT NULL>, `book_sequence` BIGINT> NOT NULL> NOT NULL,
  `snapshot_time` BIGINT NOT NULL,
  `ingest_time` BIGINT NOT NULL,
  `kafka_key` STRING,
  `ts` AS TO_TIMESTAMP_LTZ(`snapshot_time`, 3),
  WATERMARK FOR `ts` AS `ts` - INTERVAL '5' SECOND
) WITH (
  'connector' = 'kafka',
  'topic' = 'markets.snapshots',
  'properties.bootstrap.servers' = 'localhost:9092',
  'properties.isolation.level' = 'read_committed',
  'scan.startup.mode' = 'earliest-offset',
  'key.format' = 'raw',
  'key.fields' = 'kafka_key',
  'value.format' = 'marketstreams-avro',
  'value.marketstreams-avro.stream' = 'markets.snapshots',
  'value.fields-include' = 'EXCEPT_KEY'
);
