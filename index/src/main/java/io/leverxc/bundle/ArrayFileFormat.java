package io.leverxc.bundle;

import java.nio.charset.StandardCharsets;

/**
 * Byte layout of one binary bundle file. Every number is little-endian.
 *
 * <pre>
 * offset  size  field
 *      0     8  magic "LXCARRAY"
 *      8     4  format version (int32), currently 1
 *     12     1  element type code (see ElementType)
 *     13     1  rank: number of used shape entries (1 to 3)
 *     14     2  reserved, zero
 *     16    24  shape: three int64, unused entries zero
 *     40     n  payload, whose length follows from element type and shape
 *   40+n     4  CRC32C of bytes [0, 40+n)
 * </pre>
 *
 * <p>The checksum sits in a trailer so a writer can stream arrays of any size in one pass.
 */
final class ArrayFileFormat {
  static final byte[] MAGIC = "LXCARRAY".getBytes(StandardCharsets.US_ASCII);
  static final int VERSION = 1;
  static final int HEADER_BYTES = 40;
  static final int TRAILER_BYTES = 4;
  static final int MAX_RANK = 3;
  static final int BUFFER_BYTES = 1 << 20;
  static final String EXTENSION = ".bin";

  private ArrayFileFormat() {}

  /** Returns the payload length in bytes that the element type and shape call for. */
  static long payloadBytes(ElementType type, long[] shape) {
    return switch (type) {
      case FLOAT32, INT32 -> 4L * product(shape);
      case BYTES -> product(shape);
      case CSR_FLOAT32 -> 4L * (shape[0] + 1) + 8L * shape[2];
    };
  }

  /** Returns the whole file length: header, payload and trailer. */
  static long fileBytes(ElementType type, long[] shape) {
    return HEADER_BYTES + payloadBytes(type, shape) + TRAILER_BYTES;
  }

  private static long product(long[] shape) {
    long product = 1;
    for (long dimension : shape) {
      product = Math.multiplyExact(product, dimension);
    }
    return product;
  }

  /** Formats a shape as {@code 3x4} for messages. */
  static String describeShape(long[] shape) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < shape.length; i++) {
      if (i > 0) {
        text.append('x');
      }
      text.append(shape[i]);
    }
    return text.toString();
  }
}
