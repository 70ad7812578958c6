package io.marketstreams.jobs.core;

import io.marketstreams.schema.ReasonCode;

/**
 * Why the core refused an input: a quarantine reason code and a human-readable detail.
 *
 * @param reason the quarantine reason code
 * @param detail what exactly was wrong, with the offending values
 */
public record Rejection(ReasonCode reason, String detail) {}
