-- Stream events.discovered: values are plain Avro binary of Event.avsc (current version),
-- decoded by the marketstreams-avro format (io.marketstreams.lake.sql). Kafka key: event_id.
-- Columns are generated from the schema; DocsSqlTest checks them.
CREATE TABLE `events_discovered` (
  `event_id` STRING NOT NULL,
  `revision` INT NOT NULL,
  `event_name` STRING NOT NULL,
  `event_description` STRING,
  `event_type` STRING,
  `event_category` STRING,
  `event_tags` ARRAY<STRING NOT NULL> NOT NULL,
  `start_date` BIGINT,
  `expiry_date` BIGINT,
  `resolution_source` STRING,
  `venue_events` ARRAY<ROW<`venue_id` STRING NOT NULL, `venue_event_id` STRING NOT NULL> NOT NULL> NOT NULL,
  `venue_event_time` BIGINT NOT NULL,
  `ingest_time` BIGINT NOT NULL,
  `market_links` ARRAY<ROW<`market_id_a` STRING NOT NULL, `market_id_b` STRING NOT NULL, `relation` STRING NOT NULL, `confidence_bp` INT NOT NULL, `provenance` STRING NOT NULL> NOT NULL> NOT NULL,
  `link_candidates` ARRAY<ROW<`venue_event` STRING NOT NULL, `other_venue_event` STRING NOT NULL, `confidence_bp` INT NOT NULL, `rule` STRING NOT NULL, `status` STRING NOT NULL> NOT NULL> NOT NULL,
  `kafka_key` STRING,
  `ts` AS TO_TIMESTAMP_LTZ(`venue_event_time`, 3),
  WATERMARK FOR `ts` AS `ts` - INTERVAL '5' SECOND
) WITH (
  'connector' = 'kafka',
  'topic' = 'events.discovered',
  'properties.bootstrap.servers' = 'localhost:9092',
  'properties.isolation.level' = 'read_committed',
  'scan.startup.mode' = 'earliest-offset',
  'key.format' = 'raw',
  'key.fields' = 'kafka_key',
  'value.format' = 'marketstreams-avro',
  'value.marketstreams-avro.stream' = 'events.discovered',
  'value.fields-include' = 'EXCEPT_KEY'
);
