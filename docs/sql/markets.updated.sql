-- Stream markets.updated: values are plain Avro binary of MarketUpdate.avsc (current version),
-- decoded by the marketstreams-avro format (io.marketstreams.lake.sql). Kafka key: market_id.
-- Columns are generated from the schema; DocsSqlTest checks them.
CREATE TABLE `markets_updated` (
  `market_id` STRING NOT NULL,
  `revision` BIGINT NOT NULL,
  `field_mask` ARRAY<STRING NOT NULL> NOT NULL,
  `event_id` STRING,
  `market_description` STRING,
  `open_time` BIGINT,
  `close_time` BIGINT,
  `settlement_rule` STRING,
  `tick_size` BIGINT,
  `venue_event_time` BIGINT NOT NULL,
  `ingest_time` BIGINT NOT NULL,
  `kafka_key` STRING,
  `ts` AS TO_TIMESTAMP_LTZ(`venue_event_time`, 3),
  WATERMARK FOR `ts` AS `ts` - INTERVAL '5' SECOND
) WITH (
  'connector' = 'kafka',
  'topic' = 'markets.updated',
  'properties.bootstrap.servers' = 'localhost:9092',
  'properties.isolation.level' = 'read_committed',
  'scan.startup.mode' = 'earliest-offset',
  'key.format' = 'raw',
  'key.fields' = 'kafka_key',
  'value.format' = 'marketstreams-avro',
  'value.marketstreams-avro.stream' = 'markets.updated',
  'value.fields-include' = 'EXCEPT_KEY'
);
