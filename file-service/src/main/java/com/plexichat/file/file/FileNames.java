package com.plexichat.file.file;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

/**
 * A client's file name made safe to store and to hand back in {@code Content-Disposition}: sanitised, never
 * refused. Only the last path segment is kept; control and formatting characters (bidirectional overrides among
 * them, which make {@code exe.txt} look like {@code txt.exe}) and lone surrogates are dropped; characters Windows
 * forbids become {@code _}; at most 255 bytes of UTF-8, keeping the extension. The name is never used for storage.
 */
final class FileNames {

    static final int MAX_BYTES = 255;
    private static final String FALLBACK = "file";

    private FileNames() {}

    static String sanitize(String raw) {
        if (raw == null) {
            return FALLBACK;
        }
        String name = raw.substring(Math.max(raw.lastIndexOf('/'), raw.lastIndexOf('\\')) + 1);
        StringBuilder clean = new StringBuilder(Math.min(name.length(), 512));
        name.codePoints().limit(4096).forEach(cp -> {
            int type = Character.getType(cp);
            if (type == Character.CONTROL
                    || type == Character.FORMAT
                    || type == Character.SURROGATE
                    || type == Character.UNASSIGNED
                    || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR) {
                return;
            }
            if ("<>:\"|?*".indexOf(cp) >= 0) {
                clean.append('_');
            } else {
                clean.appendCodePoint(Character.isWhitespace(cp) ? ' ' : cp);
            }
        });
        String normalized = Normalizer.normalize(clean.toString(), Normalizer.Form.NFC)
                .strip()
                .replaceAll("^[.\\s]+|[.\\s]+$", "");
        if (normalized.isEmpty()) {
            return FALLBACK;
        }
        return truncate(normalized);
    }

    /** At most {@link #MAX_BYTES} of UTF-8, cut between code points, the extension kept when it is short. */
    private static String truncate(String name) {
        if (name.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        String extension = dot > 0 && name.length() - dot <= 16 ? name.substring(dot) : "";
        String base = extension.isEmpty() ? name : name.substring(0, dot);
        int budget = MAX_BYTES - extension.getBytes(StandardCharsets.UTF_8).length;
        StringBuilder out = new StringBuilder();
        int used = 0;
        for (int i = 0; i < base.length(); ) {
            int cp = base.codePointAt(i);
            int bytes = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (used + bytes > budget) {
                break;
            }
            out.appendCodePoint(cp);
            used += bytes;
            i += Character.charCount(cp);
        }
        return out.toString().strip() + extension;
    }

    /** {@code attachment} with an ASCII fallback name and the exact one in RFC 5987 encoding (RFC 6266). */
    static String attachment(String name) {
        StringBuilder ascii = new StringBuilder();
        name.codePoints()
                .forEach(cp -> ascii.append(cp >= 0x20 && cp < 0x7f && cp != '"' && cp != '\\' ? (char) cp : '_'));
        StringBuilder encoded = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(String.format("%02X", c));
            }
        }
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }
}
