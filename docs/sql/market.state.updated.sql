-- Stream market.state.updated: values are plain Avro binary of MarketStateChange.avsc (current version),
-- decoded by the marketstreams-avro format (io.marketstreams.lake.sql). Kafka key: market_id.
-- Columns are generated from the schema; DocsSqlTest checks them.
CREATE TABLE `market_state_updated` (
  `market_id` STRING NOT NULL,
  `state_sequence` BIGINT NOT NULL,
  `previous_state` STRING NOT NULL,
  `new_state` STRING NOT NULL,
  `timestamp` BIGINT NOT NULL,
  `reason` STRING NOT NULL,
  `venue_status` STRING,
  `ingest_time` BIGINT NOT NULL,
  `kafka_key` STRING,
  `ts` AS TO_TIMESTAMP_LTZ(`timestamp`, 3),
  WATERMARK FOR `ts` AS `ts` - INTERVAL '5' SECOND
) WITH (
  'connector' = 'kafka',
  'topic' = 'market.state.updated',
  'properties.bootstrap.servers' = 'localhost:9092',
  'properties.isolation.level' = 'read_committed',
  'scan.startup.mode' = 'earliest-offset',
  'key.format' = 'raw',
  'key.fields' = 'kafka_key',
  'value.format' = 'marketstreams-avro',
  'value.marketstreams-avro.stream' = 'market.state.updated',
  'value.fields-include' = 'EXCEPT_KEY'
);
