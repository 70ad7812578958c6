-- Stream markets.discovered: values are plain Avro binary of Market.avsc (current version),
-- decoded by the marketstreams-avro format (io.marketstreams.lake.sql). Kafka key: market_id.
-- Columns are generated from the schema; DocsSqlTest checks them.
CREATE TABLE `markets_discovered` (
  `market_id` STRING NOT NULL,
  `event_id` STRING NOT NULL,
  `venue_id` STRING NOT NULL,
  `venue_market_id` STRING NOT NULL,
  `market_description` STRING NOT NULL,
  `market_type` STRING NOT NULL,
  `open_time` BIGINT,
  `close_time` BIGINT,
  `settlement_rule` STRING,
  `initial_state` STRING NOT NULL,
  `outcomes` ARRAY<ROW<`outcome_id` STRING NOT NULL, `outcome_name` STRING NOT NULL, `venue_outcome_id` STRING> NOT NULL> NOT NULL,
  `tick_size` BIGINT,
  `venue_event_time` BIGINT NOT NULL,
  `ingest_time` BIGINT NOT NULL,
  `kafka_key` STRING,
  `ts` AS TO_TIMESTAMP_LTZ(`venue_event_time`, 3),
  WATERMARK FOR `ts` AS `ts` - INTERVAL '5' SECOND
) WITH (
  'connector' = 'kafka',
  'topic' = 'markets.discovered',
  'properties.bootstrap.servers' = 'localhost:9092',
  'properties.isolation.level' = 'read_committed',
  'scan.startup.mode' = 'earliest-offset',
  'key.format' = 'raw',
  'key.fields' = 'kafka_key',
  'value.format' = 'marketstreams-avro',
  'value.marketstreams-avro.stream' = 'markets.discovered',
  'value.fields-include' = 'EXCEPT_KEY'
);
