package io.marketstreams.jobs.core.linking;

/**
 * A bad row (or header) in a curated link file. The message starts with {@code file:line:} so an
 * editor of the file can jump straight to it.
 */
public final class LinkFileException extends RuntimeException {
    private final String source;
    private final int line;

    /** A problem at {@code source:line}. */
    public LinkFileException(String source, int line, String problem) {
        super(source + ":" + line + ": " + problem);
        this.source = source;
        this.line = line;
    }

    /** File name (or source description) of the bad row. */
    public String source() {
        return source;
    }

    /** 1-based line number of the bad row. */
    public int line() {
        return line;
    }
}
