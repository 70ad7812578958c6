-- Stream orders.delta: values are plain Avro binary of OrderBookDelta.avsc (current version),
-- decoded by the marketstreams-avro format (io.marketstreams.lake.sql). Kafka key: market_id|outcome_id.
-- Columns are generated from the schema; DocsSqlTest checks them.
CREATE TABLE `orders_delta` (
  `market_id` STRING NOT NULL,
  `outcome_id` STRING NOT NULL,
  `venue_id` STRING NOT NULL,
  `sequence_number` BIGINT NOT NULL,
  `mutations` ARRAY<ROW<`action` STRING NOT NULL, `side` STRING NOT NULL, `price` BIGINT NOT NULL, `quantity` BIGINT NOT NULL> NOT NULL> NOT NULL,
  `checksum` BIGINT NOT NULL,
  `health` STRING NOT NULL,
  `venue_sequence` BIGINT,
  `venue_event_time` BIGINT NOT NULL,
  `ingest_time` BIGINT NOT NULL,
  `kafka_key` STRING,
  `ts` AS TO_TIMESTAMP_LTZ(`venue_event_time`, 3),
  WATERMARK FOR `ts` AS `ts` - INTERVAL '5' SECOND
) WITH (
  'connector' = 'kafka',
  'topic' = 'orders.delta',
  'properties.bootstrap.servers' = 'localhost:9092',
  'properties.isolation.level' = 'read_committed',
  'scan.startup.mode' = 'earliest-offset',
  'key.format' = 'raw',
  'key.fields' = 'kafka_key',
  'value.format' = 'marketstreams-avro',
  'value.marketstreams-avro.stream' = 'orders.delta',
  'value.fields-include' = 'EXCEPT_KEY'
);
