package io.marketstreams.schema;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/**
 * The schema compatibility gate: a new schema must read data written with every released version
 * (backward compatibility, transitive), so consumers can upgrade before or after producers and
 * replays of old topics keep decoding.
 */
public final class SchemaCompatibilityGate {
    private SchemaCompatibilityGate() {}

    /**
     * Problems that stop {@code candidate} from reading data written with the released versions;
     * empty when it is compatible.
     */
    public static List<String> backwardProblems(Schema candidate, List<Schema> released) {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < released.size(); i++) {
            SchemaCompatibility.SchemaPairCompatibility result =
                    SchemaCompatibility.checkReaderWriterCompatibility(candidate, released.get(i));
            if (result.getType() != SchemaCompatibilityType.COMPATIBLE) {
                for (Incompatibility incompatibility : result.getResult().getIncompatibilities()) {
                    problems.add(
                            "v"
                                    + (i + 1)
                                    + " "
                                    + incompatibility.getType()
                                    + " at "
                                    + incompatibility.getLocation()
                                    + ": "
                                    + incompatibility.getMessage());
                }
            }
        }
        return problems;
    }
}
