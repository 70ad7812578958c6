package io.marketstreams.jobs;

import org.apache.flink.connector.base.DeliveryGuarantee;

/** How the canonical job writes its outputs (docs/operations.md, "Configuration"). */
public enum DeliveryMode {
    /** Kafka transactions committed on checkpoint: readers with read_committed see each once. */
    EXACTLY_ONCE("exactly-once", DeliveryGuarantee.EXACTLY_ONCE),
    /** Flushed on checkpoint, visible at once: a restart may repeat records. */
    AT_LEAST_ONCE("at-least-once", DeliveryGuarantee.AT_LEAST_ONCE);

    private final String configValue;
    private final DeliveryGuarantee guarantee;

    DeliveryMode(String configValue, DeliveryGuarantee guarantee) {
        this.configValue = configValue;
        this.guarantee = guarantee;
    }

    /** The Flink Kafka sink guarantee. */
    public DeliveryGuarantee guarantee() {
        return guarantee;
    }

    /** Parses the {@code marketstreams.delivery} value. */
    public static DeliveryMode parse(String value) {
        for (DeliveryMode mode : values()) {
            if (mode.configValue.equalsIgnoreCase(value)) {
                return mode;
            }
        }
        throw new IllegalArgumentException(
                "marketstreams.delivery must be exactly-once or at-least-once, not '"
                        + value
                        + "'");
    }
}
