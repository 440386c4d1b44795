package com.plexichat.file.file;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import org.apache.tika.Tika;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;

/**
 * Content types from the bytes (Apache Tika's magic numbers; the sanitised name only refines a type the bytes
 * leave open, e.g. a zip that is a .docx), never the client's claim; and which types a browser would run.
 */
final class ContentTypes {

    /** Enough for every magic Tika knows of the types people share. */
    static final int SNIFF_BYTES = 64 * 1024;

    static final String OCTET_STREAM = "application/octet-stream";

    private static final Tika TIKA = new Tika();

    private ContentTypes() {}

    static String detect(byte[] prefix, int length, String name) {
        Metadata metadata = new Metadata();
        metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, name);
        try {
            return TIKA.getDetector()
                    .detect(new java.io.BufferedInputStream(new ByteArrayInputStream(prefix, 0, length)), metadata)
                    .getBaseType()
                    .toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What a download is sent as: the type itself, unless a browser would render or run it (HTML, SVG, XML,
     * scripts, Flash): those are plain bytes, so a file shared in a chat can never script the API's origin.
     */
    static String servedAs(String contentType) {
        String type = contentType.toLowerCase(Locale.ROOT);
        if (type.contains("html")
                || type.contains("xml")
                || type.contains("svg")
                || type.contains("javascript")
                || type.contains("ecmascript")
                || type.contains("shockwave")
                || type.contains("futuresplash")
                || type.startsWith("multipart/")) {
            return OCTET_STREAM;
        }
        return contentType;
    }

    static boolean isImage(String contentType) {
        return contentType.startsWith("image/");
    }
}
