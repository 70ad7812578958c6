-- Stream events.resolved: values are plain Avro binary of EventResolution.avsc (current version),
-- decoded by the marketstreams-avro format (io.marketstreams.lake.sql). Kafka key: event_id.
-- Columns are generated from the schema; DocsSqlTest checks them.
CREATE TABLE `events_resolved` (
  `event_id` STRING NOT NULL,
  `revision` INT NOT NULL,
  `resolution_time` BIGINT NOT NULL,
  `resolved_outcome` STRING,
  `resolution_source` STRING,
  `finality_status` STRING NOT NULL,
  `markets` ARRAY<ROW<`market_id` STRING NOT NULL, `resolved_outcome_id` STRING, `confidence_level` STRING> NOT NULL> NOT NULL,
  `ingest_time` BIGINT NOT NULL,
  `kafka_key` STRING,
  `ts` AS TO_TIMESTAMP_LTZ(`resolution_time`, 3),
  WATERMARK FOR `ts` AS `ts` - INTERVAL '5' SECOND
) WITH (
  'connector' = 'kafka',
  'topic' = 'events.resolved',
  'properties.bootstrap.servers' = 'localhost:9092',
  'properties.isolation.level' = 'read_committed',
  'scan.startup.mode' = 'earliest-offset',
  'key.format' = 'raw',
  'key.fields' = 'kafka_key',
  'value.format' = 'marketstreams-avro',
  'value.marketstreams-avro.stream' = 'events.resolved',
  'value.fields-include' = 'EXCEPT_KEY'
);
