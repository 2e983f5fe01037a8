package io.leverxc.bundle;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Streams one binary bundle file in the {@link ArrayFileFormat} layout, computing the CRC32C as the
 * bytes go out, and forces the file to disk before returning.
 */
final class ArrayFileWriter implements AutoCloseable {
  private final FileChannel channel;
  private final ByteBuffer buffer = ByteBuffer.allocate(ArrayFileFormat.BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
  private final CRC32C checksum = new CRC32C();
  private long written;

  private ArrayFileWriter(Path file) throws IOException {
    this.channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
  }

  /** Writes a float32 array of the given shape (rank 1 or 2) and returns the file's entry. */
  static Manifest.FileEntry writeFloats(Path file, float[] values, long... shape) throws IOException {
    try (ArrayFileWriter writer = new ArrayFileWriter(file)) {
      writer.header(ElementType.FLOAT32, shape);
      writer.floats(values, 0, values.length);
      return writer.finish(ElementType.FLOAT32, shape);
    }
  }

  /** Writes an int32 vector and returns the file's entry. */
  static Manifest.FileEntry writeInts(Path file, int[] values) throws IOException {
    long[] shape = {values.length};
    try (ArrayFileWriter writer = new ArrayFileWriter(file)) {
      writer.header(ElementType.INT32, shape);
      writer.ints(values, 0, values.length);
      return writer.finish(ElementType.INT32, shape);
    }
  }

  /** Writes raw bytes and returns the file's entry. */
  static Manifest.FileEntry writeBytes(Path file, byte[] values) throws IOException {
    long[] shape = {values.length};
    try (ArrayFileWriter writer = new ArrayFileWriter(file)) {
      writer.header(ElementType.BYTES, shape);
      writer.bytes(values);
      return writer.finish(ElementType.BYTES, shape);
    }
  }

  /** Writes a compressed-row sparse matrix and returns the file's entry. */
  static Manifest.FileEntry writeCsr(Path file, int rows, int columns, int[] rowStarts, int[] indices, float[] values)
      throws IOException {
    long[] shape = {rows, columns, indices.length};
    try (ArrayFileWriter writer = new ArrayFileWriter(file)) {
      writer.header(ElementType.CSR_FLOAT32, shape);
      writer.ints(rowStarts, 0, rowStarts.length);
      writer.ints(indices, 0, indices.length);
      writer.floats(values, 0, values.length);
      return writer.finish(ElementType.CSR_FLOAT32, shape);
    }
  }

  private void header(ElementType type, long[] shape) throws IOException {
    buffer.put(ArrayFileFormat.MAGIC);
    buffer.putInt(ArrayFileFormat.VERSION);
    buffer.put((byte) type.code);
    buffer.put((byte) shape.length);
    buffer.putShort((short) 0);
    for (int i = 0; i < ArrayFileFormat.MAX_RANK; i++) {
      buffer.putLong(i < shape.length ? shape[i] : 0L);
    }
  }

  private void floats(float[] values, int from, int to) throws IOException {
    int position = from;
    while (position < to) {
      if (buffer.remaining() < Float.BYTES) {
        flush();
      }
      int count = Math.min(to - position, buffer.remaining() / Float.BYTES);
      buffer.asFloatBuffer().put(values, position, count);
      buffer.position(buffer.position() + count * Float.BYTES);
      position += count;
    }
  }

  private void ints(int[] values, int from, int to) throws IOException {
    int position = from;
    while (position < to) {
      if (buffer.remaining() < Integer.BYTES) {
        flush();
      }
      int count = Math.min(to - position, buffer.remaining() / Integer.BYTES);
      buffer.asIntBuffer().put(values, position, count);
      buffer.position(buffer.position() + count * Integer.BYTES);
      position += count;
    }
  }

  private void bytes(byte[] values) throws IOException {
    int position = 0;
    while (position < values.length) {
      if (!buffer.hasRemaining()) {
        flush();
      }
      int count = Math.min(values.length - position, buffer.remaining());
      buffer.put(values, position, count);
      position += count;
    }
  }

  private Manifest.FileEntry finish(ElementType type, long[] shape) throws IOException {
    flush();
    int crc = (int) checksum.getValue();
    buffer.putInt(crc);
    buffer.flip();
    writeFully();
    channel.force(true);
    long expected = ArrayFileFormat.fileBytes(type, shape);
    if (written != expected) {
      throw new IllegalStateException("wrote " + written + " bytes, the layout calls for " + expected);
    }
    return new Manifest.FileEntry(type.displayName, shape.clone(), written, String.format("%08x", crc));
  }

  /** Adds the buffered bytes to the checksum and writes them out. */
  private void flush() throws IOException {
    buffer.flip();
    checksum.update(buffer.duplicate());
    writeFully();
  }

  private void writeFully() throws IOException {
    while (buffer.hasRemaining()) {
      written += channel.write(buffer);
    }
    buffer.clear();
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
