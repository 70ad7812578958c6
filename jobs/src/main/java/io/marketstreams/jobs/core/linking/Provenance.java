package io.marketstreams.jobs.core.linking;

import java.util.Objects;

/**
 * Where a link came from: {@code CURATED} (a person wrote it in the link file or topic) or {@code
 * RULE:<rule name>} (an automatic rule proposed it). Curated links always win over rule links
 * (docs/linking.md), so the kind is part of every link's identity.
 *
 * @param kind curated or rule-made
 * @param rule the rule that fired; null for curated links
 */
public record Provenance(Kind kind, String rule) {

    /** The two sources of link data. */
    public enum Kind {
        CURATED,
        RULE
    }

    /** The provenance of every curated link. */
    public static final Provenance CURATED = new Provenance(Kind.CURATED, null);

    /** Validates that a rule provenance names its rule and a curated one does not. */
    public Provenance {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.RULE && (rule == null || rule.isBlank())) {
            throw new IllegalArgumentException("a rule provenance must name its rule");
        }
        if (kind == Kind.CURATED && rule != null) {
            throw new IllegalArgumentException("a curated provenance has no rule");
        }
    }

    /** The provenance of a link proposed by the named rule. */
    public static Provenance rule(String name) {
        return new Provenance(Kind.RULE, name);
    }

    /** Parses {@code CURATED} or {@code RULE:<name>} (the form {@link #toString()} writes). */
    public static Provenance parse(String text) {
        if ("CURATED".equals(text)) {
            return CURATED;
        }
        if (text != null && text.startsWith("RULE:")) {
            return rule(text.substring("RULE:".length()));
        }
        throw new IllegalArgumentException("provenance must be CURATED or RULE:<name>: " + text);
    }

    /** True for curated links. */
    public boolean isCurated() {
        return kind == Kind.CURATED;
    }

    @Override
    public String toString() {
        return isCurated() ? "CURATED" : "RULE:" + rule;
    }
}
