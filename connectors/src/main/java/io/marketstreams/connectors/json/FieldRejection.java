package io.marketstreams.connectors.json;

import io.marketstreams.connectors.raw.InputLimits;
import io.marketstreams.connectors.raw.ParsedFrame;
import io.marketstreams.schema.ReasonCode;
import java.util.Objects;

/**
 * Why a frame cannot be interpreted, at which field: the one rejection type of every frame parser.
 * Parsers throw it from wherever they find the first problem and turn it into a {@link
 * ParsedFrame.Rejected} at their entry point ({@link #toRejected()}), so they stop at the first
 * problem and never throw to their caller. It carries no stack trace: it is control flow, not a
 * bug.
 *
 * <p>The path names the field from the frame's root in the notation {@code
 * msg.yes_dollars_fp[3][1]} (object fields joined by {@code .}, array elements as {@code [i]}, a
 * root array's elements as {@code [i]} alone); the empty path means the frame as a whole.
 *
 * <p>The quarantine detail ({@link #detail()}) is built by one rule: {@code MISSING_FIELD} gives
 * the path alone; any other reason gives {@code path: problem}, or the problem alone for the whole
 * frame; a rejection for an input limit puts {@value InputLimits#EXCEEDED} in front.
 */
public final class FieldRejection extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String path;
    private final ReasonCode reason;
    private final String problem;
    private final boolean limit;

    /**
     * @param reason the quarantine reason
     * @param path the field's path from the frame's root; empty for the frame as a whole
     * @param problem what is wrong, with the offending value; null for {@code MISSING_FIELD}
     */
    public FieldRejection(ReasonCode reason, String path, String problem) {
        this(reason, path, problem, false);
    }

    private FieldRejection(ReasonCode reason, String path, String problem, boolean limit) {
        super(
                (limit ? InputLimits.EXCEEDED : "") + detail(reason, path, problem),
                null,
                false,
                false);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.path = Objects.requireNonNull(path, "path");
        this.problem = problem;
        this.limit = limit;
    }

    /** A required field that is absent, JSON {@code null} or the empty string. */
    public static FieldRejection missing(String path) {
        return new FieldRejection(ReasonCode.MISSING_FIELD, path, null);
    }

    /**
     * A field of the wrong JSON type, or a value that cannot be read (not a number, a bad time).
     */
    public static FieldRejection malformed(String path, String problem) {
        return new FieldRejection(ReasonCode.MALFORMED, path, problem);
    }

    /** A well-formed value the platform has no representation for (a void result, a ternary). */
    public static FieldRejection unsupported(String path, String problem) {
        return new FieldRejection(ReasonCode.UNSUPPORTED_PAYLOAD, path, problem);
    }

    /** A frame of a type the parser does not know ({@code UNKNOWN_MESSAGE}). */
    public static FieldRejection unknownMessage(String path, String problem) {
        return new FieldRejection(ReasonCode.UNKNOWN_MESSAGE, path, problem);
    }

    /**
     * A frame or value beyond one of the {@link InputLimits} (too deep, too long a number): {@code
     * MALFORMED}, its detail starting with {@value InputLimits#EXCEEDED}.
     */
    public static FieldRejection limitExceeded(String path, String problem) {
        return new FieldRejection(ReasonCode.MALFORMED, path, problem, true);
    }

    /** Whether this is a rejection for an input limit ({@link #limitExceeded}). */
    public boolean isLimitExceeded() {
        return limit;
    }

    /** The field's path from the frame's root; empty for the frame as a whole. */
    public String path() {
        return path;
    }

    /** The quarantine reason. */
    public ReasonCode reason() {
        return reason;
    }

    /** What is wrong; null for a missing field. */
    public String problem() {
        return problem;
    }

    /** The quarantine detail: see the class comment for the rule. */
    public String detail() {
        return getMessage();
    }

    /** This rejection as a parse result. */
    public ParsedFrame.Rejected toRejected() {
        return new ParsedFrame.Rejected(reason, detail());
    }

    private static String detail(ReasonCode reason, String path, String problem) {
        if (reason == ReasonCode.MISSING_FIELD || problem == null) {
            return path;
        }
        return path.isEmpty() ? problem : path + ": " + problem;
    }
}
