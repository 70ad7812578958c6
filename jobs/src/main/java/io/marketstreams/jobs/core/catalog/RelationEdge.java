package io.marketstreams.jobs.core.catalog;

import io.marketstreams.jobs.core.linking.Relation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One market relation in force within a canonical event, as the event resolution stage uses it:
 * market {@link #marketA} and market {@link #marketB} ask the same question ({@link Relation#SAME})
 * or opposite ones ({@link Relation#COMPLEMENT}). A Flink POJO, stored in the stage's state.
 */
public final class RelationEdge {
    public String marketA;
    public String marketB;
    public Relation relation;

    public RelationEdge() {}

    /** An edge. */
    public static RelationEdge of(String marketA, String marketB, Relation relation) {
        RelationEdge e = new RelationEdge();
        e.marketA = Objects.requireNonNull(marketA, "marketA");
        e.marketB = Objects.requireNonNull(marketB, "marketB");
        e.relation = Objects.requireNonNull(relation, "relation");
        return e;
    }

    /**
     * Edges from the encoding of savepoints taken before typed relations ({@code a|b|SAME}): state
     * restored from such a savepoint is read through here once and written back typed. Entries that
     * are not of that form are dropped, as the old reader dropped them.
     */
    static List<RelationEdge> fromLegacy(List<String> encoded) {
        List<RelationEdge> edges = new ArrayList<>();
        for (String r : encoded) {
            String[] parts = r.split("\\|");
            if (parts.length == 3) {
                edges.add(of(parts[0], parts[1], Relation.valueOf(parts[2])));
            }
        }
        return edges;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RelationEdge e
                && marketA.equals(e.marketA)
                && marketB.equals(e.marketB)
                && relation == e.relation;
    }

    @Override
    public int hashCode() {
        return Objects.hash(marketA, marketB, relation);
    }

    @Override
    public String toString() {
        return marketA + " " + relation + " " + marketB;
    }
}
