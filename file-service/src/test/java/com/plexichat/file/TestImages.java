package com.plexichat.file;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageOutputStream;

/** Images made for the tests: plain ones, a photo taken sideways (EXIF orientation), a GIF, and a bomb. */
final class TestImages {

    private TestImages() {}

    /** Left half red, right half blue. */
    static BufferedImage halves(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, width / 2, height);
        g.setColor(Color.BLUE);
        g.fillRect(width / 2, 0, width - width / 2, height);
        g.dispose();
        return image;
    }

    static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * A JPEG stored 200 x 100 (left red, right blue) with EXIF orientation 6: a camera held upright that saved the
     * pixels sideways. Shown the right way up it is 100 x 200, red on top.
     */
    static byte[] sidewaysJpeg() {
        byte[] jpeg = encode(halves(200, 100), "jpg");
        byte[] exif = ByteBuffer.allocate(32)
                .put("Exif\0\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .put(new byte[] {'M', 'M', 0, 42, 0, 0, 0, 8}) // big-endian TIFF header, IFD0 at 8
                .putShort((short) 1) // one entry
                .putShort((short) 0x0112) // Orientation
                .putShort((short) 3) // SHORT
                .putInt(1) // count
                .putShort((short) 6) // rotate 90 degrees clockwise to display
                .putShort((short) 0)
                .putInt(0) // no next IFD
                .array();
        // As a camera writes it: SOI, then the Exif APP1 in place of ImageIO's JFIF APP0.
        int app0Length = ((jpeg[4] & 0xFF) << 8) | (jpeg[5] & 0xFF);
        int rest = 4 + app0Length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2); // SOI
        out.write(0xFF);
        out.write(0xE1); // APP1
        out.write((exif.length + 2) >> 8);
        out.write((exif.length + 2) & 0xFF);
        out.writeBytes(exif);
        out.write(jpeg, rest, jpeg.length - rest);
        return out.toByteArray();
    }

    /** An animated GIF: a green frame, then a red one. */
    static byte[] animatedGif() {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.prepareWriteSequence(null);
            for (Color color : new Color[] {Color.GREEN, Color.RED}) {
                BufferedImage frame = new BufferedImage(120, 80, BufferedImage.TYPE_INT_RGB);
                Graphics2D g = frame.createGraphics();
                g.setColor(color);
                g.fillRect(0, 0, 120, 80);
                g.dispose();
                IIOMetadata metadata = writer.getDefaultImageMetadata(
                        ImageTypeSpecifier.createFromRenderedImage(frame), writer.getDefaultWriteParam());
                writer.writeToSequence(new IIOImage(frame, null, metadata), null);
            }
            writer.endWriteSequence();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /**
     * A decompression bomb: a valid PNG of 20,000 x 20,000 black pixels (400 megapixels) in about 50 KB; decoded it
     * would take gigabytes.
     */
    static byte[] pngBomb() {
        int side = 20_000;
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        chunk(
                png,
                "IHDR",
                ByteBuffer.allocate(13)
                        .putInt(side)
                        .putInt(side)
                        .put((byte) 1) // bit depth 1
                        .put((byte) 0) // greyscale
                        .put((byte) 0)
                        .put((byte) 0)
                        .put((byte) 0)
                        .array());
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        try (DeflaterOutputStream deflate = new DeflaterOutputStream(idat, new Deflater(9))) {
            byte[] row = new byte[1 + side / 8]; // filter byte 0, then zeros
            for (int y = 0; y < side; y++) {
                deflate.write(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        chunk(png, "IDAT", idat.toByteArray());
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream png, String type, byte[] data) {
        byte[] name = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        png.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        png.writeBytes(name);
        png.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        png.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
