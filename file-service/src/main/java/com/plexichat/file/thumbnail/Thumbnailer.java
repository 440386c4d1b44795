package com.plexichat.file.thumbnail;

import com.plexichat.file.FilesProperties;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import net.coobird.thumbnailator.Thumbnails;
import net.coobird.thumbnailator.filters.ImageFilter;
import net.coobird.thumbnailator.util.exif.ExifFilterUtils;
import net.coobird.thumbnailator.util.exif.ExifUtils;
import net.coobird.thumbnailator.util.exif.Orientation;
import org.springframework.stereotype.Component;

/**
 * Makes a thumbnail of an image with the JDK's ImageIO readers (PNG, JPEG, GIF's first frame, BMP; WebP through
 * TwelveMonkeys) and Thumbnailator. The header is read first: an image with more pixels than the cap is refused
 * before a single pixel is decoded (a decompression bomb: a few KB that would inflate to gigabytes). Large images are
 * decoded subsampled, so memory stays near the thumbnail's size; EXIF orientation is applied, so a photo taken
 * sideways comes out the right way up.
 */
@Component
class Thumbnailer {

    sealed interface Outcome {}

    record Made(byte[] bytes, String contentType, String extension, int width, int height) implements Outcome {}

    /** Not made: {@code too_large} (pixels or bytes over the caps) or {@code failed} (no decoder, broken data). */
    record Refused(String status) implements Outcome {}

    private final FilesProperties properties;

    Thumbnailer(FilesProperties properties) {
        this.properties = properties;
        // Decoding reads through memory only: nothing of a user's image is written to local disk.
        ImageIO.setUseCache(false);
    }

    Outcome make(InputStream source) throws IOException {
        try (ImageInputStream in = new MemoryCacheImageInputStream(source)) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return new Refused("failed");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, false);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if ((long) width * height > properties.thumbnailMaxPixels() || width <= 0 || height <= 0) {
                    return new Refused("too_large");
                }
                Orientation orientation = orientation(reader);
                int target = properties.thumbnailSize();
                ImageReadParam param = reader.getDefaultReadParam();
                int subsampling = Math.max(1, Math.max(width, height) / (2 * target));
                param.setSourceSubsampling(subsampling, subsampling, 0, 0);
                BufferedImage image = reader.read(0, param);
                return scaled(image, orientation, target);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            // A reader that chokes on the data: an image we cannot show, not a failure to retry.
            if (e instanceof IOException io && isStorage(io)) {
                throw io;
            }
            return new Refused("failed");
        }
    }

    /** A JPEG's EXIF orientation; none for other formats, or when the metadata cannot be read (pixels still can). */
    private static Orientation orientation(ImageReader reader) {
        try {
            if (!"jpeg".equalsIgnoreCase(reader.getFormatName())) {
                return null;
            }
            return ExifUtils.getExifOrientation(reader, 0);
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
    }

    private static Made scaled(BufferedImage decoded, Orientation orientation, int target) throws IOException {
        boolean alpha = decoded.getColorModel().hasAlpha();
        // Indexed and 1-bit images (GIF, some PNGs) scale and encode badly: work on plain RGB(A) pixels.
        BufferedImage image = new BufferedImage(
                decoded.getWidth(),
                decoded.getHeight(),
                alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D graphics = image.createGraphics();
        graphics.drawImage(decoded, 0, 0, null);
        graphics.dispose();
        double factor = Math.min(1.0, (double) target / Math.max(image.getWidth(), image.getHeight()));
        Thumbnails.Builder<BufferedImage> builder = Thumbnails.of(image).scale(factor);
        if (orientation != null && orientation != Orientation.TOP_LEFT) {
            ImageFilter upright = ExifFilterUtils.getFilterForOrientation(orientation);
            builder.addFilter(upright);
        }
        BufferedImage thumbnail = builder.asBufferedImage();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (alpha) {
            Thumbnails.of(thumbnail).scale(1.0).outputFormat("png").toOutputStream(out);
            return new Made(out.toByteArray(), "image/png", "png", thumbnail.getWidth(), thumbnail.getHeight());
        }
        Thumbnails.of(thumbnail)
                .scale(1.0)
                .outputFormat("jpg")
                .outputQuality(0.85)
                .toOutputStream(out);
        return new Made(out.toByteArray(), "image/jpeg", "jpg", thumbnail.getWidth(), thumbnail.getHeight());
    }

    /** An I/O failure of the S3 stream itself (to retry), not of the image data. */
    private static boolean isStorage(IOException e) {
        return e instanceof java.net.SocketException || e instanceof java.net.SocketTimeoutException;
    }
}
