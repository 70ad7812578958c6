-- Stream quarantine: values are plain Avro binary of Quarantined.avsc (current version),
-- decoded by the marketstreams-avro format (io.marketstreams.lake.sql). Kafka key: market_id, or source_topic:source_partition when the market is unknown.
-- Columns are generated from the schema; DocsSqlTest checks them.
CREATE TABLE `quarantine` (
  `reason` STRING NOT NULL,
  `detail` STRING NOT NULL,
  `stage` STRING NOT NULL,
  `source_topic` STRING,
  `source_partition` INT,
  `source_offset` BIGINT,
  `payload` BYTES NOT NULL,
  `payload_schema_fingerprint` STRING,
  `venue_id` STRING,
  `market_id` STRING,
  `venue_event_time` BIGINT,
  `ingest_time` BIGINT,
  `kafka_key` STRING,
  `ts` AS TO_TIMESTAMP_LTZ(COALESCE(`venue_event_time`, `ingest_time`, 0), 3),
  WATERMARK FOR `ts` AS `ts` - INTERVAL '5' SECOND
) WITH (
  'connector' = 'kafka',
  'topic' = 'quarantine',
  'properties.bootstrap.servers' = 'localhost:9092',
  'properties.isolation.level' = 'read_committed',
  'scan.startup.mode' = 'earliest-offset',
  'key.format' = 'raw',
  'key.fields' = 'kafka_key',
  'value.format' = 'marketstreams-avro',
  'value.marketstreams-avro.stream' = 'quarantine',
  'value.fields-include' = 'EXCEPT_KEY'
);
