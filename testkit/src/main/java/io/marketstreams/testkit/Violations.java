package io.marketstreams.testkit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** What the rules of one check found, in the order they found it. Not thread-safe. */
public final class Violations {
    private final List<Violation> found = new ArrayList<>();

    /** Records a broken rule. */
    public void add(Violation.Rule rule, String detail) {
        found.add(new Violation(rule, detail));
    }

    /**
     * Checks the next value of a per-key number that must run 1, 2, 3, ... without gap or repeat
     * (revisions, state and trade sequences): {@code actual} must be {@code last + 1}.
     */
    public void expectNext(Violation.Rule rule, String what, long actual, long last) {
        if (actual != last + 1) {
            add(rule, "%s %d, %d due".formatted(what, actual, last + 1));
        }
    }

    /** Every violation, in the order found. */
    public List<Violation> all() {
        return Collections.unmodifiableList(found);
    }

    /** The rules broken at least once. */
    public Set<Violation.Rule> rules() {
        Set<Violation.Rule> rules = EnumSet.noneOf(Violation.Rule.class);
        found.forEach(v -> rules.add(v.rule()));
        return rules;
    }

    /** One line per violation, as the callers of the string-list entry points expect. */
    public List<String> lines() {
        return found.stream().map(Violation::toString).toList();
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }
}
