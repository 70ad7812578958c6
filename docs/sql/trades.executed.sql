-- Stream trades.executed: values are plain Avro binary of Trade.avsc (current version),
-- decoded by the marketstreams-avro format (io.marketstreams.lake.sql). Kafka key: market_id.
-- Columns are generated from the schema; DocsSqlTest checks them.
CREATE TABLE `trades_executed` (
  `trade_id` STRING NOT NULL,
  `venue_trade_id` STRING NOT NULL,
  `market_id` STRING NOT NULL,
  `venue_id` STRING NOT NULL,
  `outcome_id` STRING NOT NULL,
  `price` BIGINT NOT NULL,
  `quantity` BIGINT NOT NULL,
  `taker_side` STRING NOT NULL,
  `maker_order_id` STRING,
  `taker_order_id` STRING,
  `timestamp` BIGINT NOT NULL,
  `trade_sequence` BIGINT NOT NULL,
  `venue_sequence` BIGINT,
  `corrects_trade_id` STRING,
  `ingest_time` BIGINT NOT NULL,
  `kafka_key` STRING,
  `ts` AS TO_TIMESTAMP_LTZ(`timestamp`, 3),
  WATERMARK FOR `ts` AS `ts` - INTERVAL '5' SECOND
) WITH (
  'connector' = 'kafka',
  'topic' = 'trades.executed',
  'properties.bootstrap.servers' = 'localhost:9092',
  'properties.isolation.level' = 'read_committed',
  'scan.startup.mode' = 'earliest-offset',
  'key.format' = 'raw',
  'key.fields' = 'kafka_key',
  'value.format' = 'marketstreams-avro',
  'value.marketstreams-avro.stream' = 'trades.executed',
  'value.fields-include' = 'EXCEPT_KEY'
);
