package io.marketstreams.connectors.json;

/**
 * Whether bytes are well-formed UTF-8 JSON text (RFC 3629, RFC 8259): no invalid or truncated
 * sequence, no overlong form, no encoded surrogate, nothing above U+10FFFF, and no NUL byte. JSON
 * never contains a raw NUL, and refusing it also refuses UTF-16 and UTF-32 text, which Jackson
 * would otherwise detect and decode. A UTF-8 byte order mark is well-formed; the JSON reader skips
 * it, as RFC 8259 allows.
 *
 * <p>One pass, no allocation: it runs on every frame before the JSON reader does.
 */
public final class Utf8Check {
    private Utf8Check() {}

    /**
     * The first problem of the bytes, with its offset ({@code invalid byte 0xff at 12}), or null.
     */
    public static String problem(byte[] bytes) {
        int i = 0;
        int n = bytes.length;
        while (i < n) {
            int b = bytes[i] & 0xff;
            if (b == 0) {
                return "NUL byte at " + i;
            }
            if (b < 0x80) {
                i++;
                continue;
            }
            int length;
            int min;
            if (b >= 0xc2 && b <= 0xdf) {
                length = 2;
                min = 0x80;
            } else if (b >= 0xe0 && b <= 0xef) {
                length = 3;
                min = 0x800;
            } else if (b >= 0xf0 && b <= 0xf4) {
                length = 4;
                min = 0x10000;
            } else {
                return "invalid byte " + hex(b) + " at " + i;
            }
            if (i + length > n) {
                return "truncated sequence at " + i;
            }
            int code = b & (0xff >> (length + 1));
            for (int k = 1; k < length; k++) {
                int c = bytes[i + k] & 0xff;
                if ((c & 0xc0) != 0x80) {
                    return "invalid byte " + hex(c) + " at " + (i + k);
                }
                code = (code << 6) | (c & 0x3f);
            }
            if (code < min) {
                return "overlong sequence at " + i;
            }
            if (code >= 0xd800 && code <= 0xdfff) {
                return "encoded surrogate at " + i;
            }
            if (code > 0x10ffff) {
                return "code point above U+10FFFF at " + i;
            }
            i += length;
        }
        return null;
    }

    private static String hex(int b) {
        return String.format("0x%02x", b);
    }
}
