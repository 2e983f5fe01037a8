package io.leverxc.data;

import io.leverxc.vector.DenseMatrix;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Reads float32 arrays from NumPy {@code .npy} files (format versions 1.0, 2.0 and 3.0), for
 * example embeddings computed in Python.
 *
 * <p>Only little-endian float32 ({@code '<f4'}) in C order is accepted. Any other dtype or layout
 * fails with a message that explains how to convert the array in NumPy.
 */
public final class NpyReader {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final String FLOAT32 = "<f4";
  private static final int MAX_HEADER_BYTES = 1 << 20;
  private static final int MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;
  private static final int CHUNK_BYTES = 1 << 20;

  private NpyReader() {}

  /**
   * Reads a 2-D array as a row-major matrix.
   *
   * @throws DataFormatException if the file is missing, not a valid {@code .npy} file, not
   *     {@code '<f4'} in C order, not 2-D, or shorter or longer than its shape calls for
   */
  public static DenseMatrix readMatrix(Path file) {
    try (FileChannel channel = open(file)) {
      long[] shape = readHeader(file, channel).shape();
      if (shape.length != 2) {
        throw new DataFormatException(file, 0, "header field 'shape': expected 2 dimensions, found "
            + shape.length + " " + Arrays.toString(shape) + "; reshape it in NumPy or use readVector for 1-D data");
      }
      float[] data = readData(file, channel, shape);
      return new DenseMatrix((int) shape[0], (int) shape[1], data);
    } catch (IOException e) {
      throw new DataFormatException(file, 0, "read failed: " + e.getMessage(), e);
    }
  }

  /**
   * Reads a 1-D array.
   *
   * @throws DataFormatException as for {@link #readMatrix}, but requiring one dimension
   */
  public static float[] readVector(Path file) {
    try (FileChannel channel = open(file)) {
      long[] shape = readHeader(file, channel).shape();
      if (shape.length != 1) {
        throw new DataFormatException(file, 0, "header field 'shape': expected 1 dimension, found "
            + shape.length + " " + Arrays.toString(shape) + "; use readMatrix for 2-D data");
      }
      return readData(file, channel, shape);
    } catch (IOException e) {
      throw new DataFormatException(file, 0, "read failed: " + e.getMessage(), e);
    }
  }

  private static FileChannel open(Path file) {
    try {
      return FileChannel.open(file, StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      throw new DataFormatException(file, 0, "missing file: it does not exist", e);
    } catch (IOException e) {
      throw new DataFormatException(file, 0, "cannot open: " + e.getMessage(), e);
    }
  }

  /** Reads and checks the magic string, version and header; leaves the channel at the first data byte. */
  static NpyHeader readHeader(Path file, FileChannel channel) throws IOException {
    ByteBuffer preamble = readExactly(file, channel, MAGIC.length + 2, "the magic string and version");

    byte[] magic = new byte[MAGIC.length];
    preamble.get(magic);
    if (!Arrays.equals(magic, MAGIC)) {
      throw new DataFormatException(file, 0, "not a NumPy .npy file: expected the magic string \\x93NUMPY, found "
          + hex(magic) + " (save the array with numpy.save)");
    }

    int major = preamble.get() & 0xff;
    int minor = preamble.get() & 0xff;
    int lengthBytes = switch (major) {
      case 1 -> 2;
      case 2, 3 -> 4;
      default -> throw new DataFormatException(file, 0, "unsupported .npy format version " + major + "." + minor
          + ": expected 1.0, 2.0 or 3.0");
    };

    ByteBuffer lengthField = readExactly(file, channel, lengthBytes, "the header length");
    long headerLength = lengthBytes == 2 ? lengthField.getShort() & 0xffff : lengthField.getInt() & 0xffffffffL;
    if (headerLength > MAX_HEADER_BYTES) {
      throw new DataFormatException(file, 0, "header length " + headerLength + " bytes: expected at most "
          + MAX_HEADER_BYTES + ", so the file is damaged");
    }

    ByteBuffer headerBytes = readExactly(file, channel, (int) headerLength, "the header");
    String text = (major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1).decode(headerBytes).toString();
    NpyHeader header = NpyHeader.parse(file, text.strip());

    if (!FLOAT32.equals(header.descr())) {
      throw new DataFormatException(file, 0, "header field 'descr': expected '" + FLOAT32
          + "' (little-endian float32), found '" + header.descr() + "'; convert it with array.astype('<f4')");
    }
    if (header.fortranOrder()) {
      throw new DataFormatException(file, 0, "header field 'fortran_order': expected False (C order), found True;"
          + " convert it with numpy.ascontiguousarray(array)");
    }
    return header;
  }

  private static float[] readData(Path file, FileChannel channel, long[] shape) throws IOException {
    long count = 1;
    for (long dimension : shape) {
      // Both factors are at most MAX_ARRAY_LENGTH here, so the product cannot overflow a long.
      count = dimension > MAX_ARRAY_LENGTH ? Long.MAX_VALUE : count * dimension;
      if (count > MAX_ARRAY_LENGTH) {
        throw new DataFormatException(file, 0, "header field 'shape': " + Arrays.toString(shape)
            + " has more than " + MAX_ARRAY_LENGTH + " elements, more than one Java array holds");
      }
    }
    long expected = channel.position() + count * Float.BYTES;
    if (channel.size() != expected) {
      throw new DataFormatException(file, 0, "file is " + channel.size() + " bytes but its shape "
          + Arrays.toString(shape) + " calls for " + expected + ", so it is "
          + (channel.size() < expected ? "truncated" : "followed by extra bytes"));
    }
    float[] data = new float[(int) count];
    ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    int filled = 0;
    while (filled < data.length) {
      chunk.clear();
      chunk.limit((int) Math.min(chunk.capacity(), (long) (data.length - filled) * Float.BYTES));
      while (chunk.hasRemaining()) {
        if (channel.read(chunk) < 0) {
          throw new DataFormatException(file, 0, "file ends inside the data, so it is truncated");
        }
      }
      chunk.flip();
      int floats = chunk.remaining() / Float.BYTES;
      chunk.asFloatBuffer().get(data, filled, floats);
      filled += floats;
    }
    return data;
  }

  private static ByteBuffer readExactly(Path file, FileChannel channel, int bytes, String part) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
    while (buffer.hasRemaining()) {
      if (channel.read(buffer) < 0) {
        throw new DataFormatException(file, 0, "file ends inside " + part + " (" + channel.size()
            + " bytes), so it is truncated or empty");
      }
    }
    buffer.flip();
    return buffer;
  }

  private static String hex(byte[] bytes) {
    StringBuilder text = new StringBuilder();
    for (byte b : bytes) {
      text.append(String.format("%02x", b & 0xff));
    }
    return text.toString();
  }
}
