package io.marketstreams.connectors.live;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Venue frames from {@code src/test/resources/live/}: one frame per line, exactly as sent. */
public final class Fixtures {
    private Fixtures() {}

    public static List<String> frames(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/live/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .filter(l -> !l.isBlank())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
