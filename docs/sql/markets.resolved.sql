-- Stream markets.resolved: values are plain Avro binary of MarketResolution.avsc (current version),
-- decoded by the marketstreams-avro format (io.marketstreams.lake.sql). Kafka key: market_id.
-- Columns are generated from the schema; DocsSqlTest checks them.
CREATE TABLE `markets_resolved` (
  `market_id` STRING NOT NULL,
  `event_id` STRING NOT NULL,
  `revision` INT NOT NULL,
  `resolved_outcome_id` STRING,
  `payout_value` BIGINT NOT NULL,
  `payouts` ARRAY<ROW<`outcome_id` STRING NOT NULL, `payout_value` BIGINT NOT NULL> NOT NULL> NOT NULL,
  `resolution_time` BIGINT NOT NULL,
  `confidence_level` STRING NOT NULL,
  `resolution_source` STRING,
  `ingest_time` BIGINT NOT NULL,
  `kafka_key` STRING,
  `ts` AS TO_TIMESTAMP_LTZ(`resolution_time`, 3),
  WATERMARK FOR `ts` AS `ts` - INTERVAL '5' SECOND
) WITH (
  'connector' = 'kafka',
  'topic' = 'markets.resolved',
  'properties.bootstrap.servers' = 'localhost:9092',
  'properties.isolation.level' = 'read_committed',
  'scan.startup.mode' = 'earliest-offset',
  'key.format' = 'raw',
  'key.fields' = 'kafka_key',
  'value.format' = 'marketstreams-avro',
  'value.marketstreams-avro.stream' = 'markets.resolved',
  'value.fields-include' = 'EXCEPT_KEY'
);
