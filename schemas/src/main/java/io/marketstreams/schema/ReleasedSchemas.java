package io.marketstreams.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/**
 * The released versions of each stream's schema, kept in {@code schemas/released/<stream>/vN.avsc}
 * and packaged in the jar. A released version is frozen: the compatibility gate checks every change
 * against all of them, and readers decode records written with any of them.
 */
public final class ReleasedSchemas {
    static final String RESOURCE_ROOT = "/io/marketstreams/schema/released/";

    private ReleasedSchemas() {}

    /** Released versions of a stream's schema, oldest first (v1, v2, ...). */
    public static List<Schema> versions(StreamTopic topic) {
        List<Schema> versions = new ArrayList<>();
        for (int v = 1; ; v++) {
            String resource = RESOURCE_ROOT + topic.streamName() + "/v" + v + ".avsc";
            try (InputStream in = ReleasedSchemas.class.getResourceAsStream(resource)) {
                if (in == null) {
                    return versions;
                }
                versions.add(new Schema.Parser().parse(in));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + resource, e);
            }
        }
    }
}
