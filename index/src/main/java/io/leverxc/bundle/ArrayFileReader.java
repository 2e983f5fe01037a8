package io.leverxc.bundle;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * Reads one binary bundle file in the {@link ArrayFileFormat} layout. The header and the file length
 * are checked on open, and the CRC32C trailer once the payload has been read.
 */
final class ArrayFileReader implements AutoCloseable {
  private static final String REWRITE_ADVICE = "train the model again or restore the bundle from a backup";
  private static final int MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

  private final Path file;
  private final FileChannel channel;
  private final ByteBuffer buffer = ByteBuffer.allocate(ArrayFileFormat.BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
  private final CRC32C checksum = new CRC32C();
  private final ElementType type;
  private final long[] shape;
  private long payloadLeft;

  private ArrayFileReader(Path file, FileChannel channel) throws IOException {
    this.file = file;
    this.channel = channel;
    long size = channel.size();
    if (size < ArrayFileFormat.HEADER_BYTES + ArrayFileFormat.TRAILER_BYTES) {
      throw corrupt("file is " + size + " bytes, shorter than the smallest valid file ("
          + (ArrayFileFormat.HEADER_BYTES + ArrayFileFormat.TRAILER_BYTES) + " bytes), so it is truncated");
    }
    ByteBuffer header = ByteBuffer.allocate(ArrayFileFormat.HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    while (header.hasRemaining()) {
      channel.read(header);
    }
    header.flip();
    checksum.update(header.duplicate());
    byte[] magic = new byte[ArrayFileFormat.MAGIC.length];
    header.get(magic);
    if (!Arrays.equals(magic, ArrayFileFormat.MAGIC)) {
      throw corrupt("invalid magic bytes " + Arrays.toString(magic) + ", expected \"LXCARRAY\": this is not a"
          + " Lever-XC bundle array file");
    }
    int version = header.getInt();
    if (version != ArrayFileFormat.VERSION) {
      String age = version > ArrayFileFormat.VERSION ? "is newer than this Lever-XC reads" : "is unknown";
      throw new BundleFormatException(file, "array format version " + version + " " + age + " (supported: "
          + ArrayFileFormat.VERSION + "); read the bundle with the Lever-XC version that wrote it, or train again");
    }
    int code = header.get() & 0xff;
    this.type = ElementType.fromCode(code);
    if (type == null) {
      throw corrupt("unknown element type code " + code + ", expected one of " + knownTypes());
    }
    int rank = header.get() & 0xff;
    header.getShort();
    if (rank < 1 || rank > ArrayFileFormat.MAX_RANK) {
      throw corrupt("invalid rank " + rank + ", expected 1 to " + ArrayFileFormat.MAX_RANK);
    }
    this.shape = new long[rank];
    for (int i = 0; i < rank; i++) {
      shape[i] = header.getLong();
      if (shape[i] < 0 || shape[i] > MAX_ARRAY_LENGTH) {
        throw corrupt("shape entry " + i + " is " + shape[i] + ", expected 0 to " + MAX_ARRAY_LENGTH);
      }
    }
    long expected;
    try {
      expected = ArrayFileFormat.fileBytes(type, shape);
    } catch (ArithmeticException e) {
      throw corrupt("shape " + ArrayFileFormat.describeShape(shape) + " overflows a 64-bit byte count");
    }
    if (size != expected) {
      String kind = size < expected ? "truncated" : "followed by extra bytes";
      throw corrupt(String.format(java.util.Locale.ROOT,
          "file is %,d bytes, but its header describes a %s array of shape %s, which needs a file of %,d bytes, so it"
              + " is %s", size, type.displayName, ArrayFileFormat.describeShape(shape), expected, kind));
    }
    this.payloadLeft = expected - ArrayFileFormat.HEADER_BYTES - ArrayFileFormat.TRAILER_BYTES;
    buffer.limit(0);
  }

  /** Opens {@code file} and checks its header against its length. */
  static ArrayFileReader open(Path file) {
    FileChannel channel;
    try {
      channel = FileChannel.open(file, StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      throw new BundleFormatException(file, "missing bundle file, so the bundle is incomplete; " + REWRITE_ADVICE, e);
    } catch (IOException e) {
      throw new BundleFormatException(file, "cannot open: " + e.getMessage(), e);
    }
    try {
      return new ArrayFileReader(file, channel);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new BundleFormatException(file, "read failed: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeQuietly(channel);
      throw e;
    }
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException ignored) {
      // The open failure is the error worth reporting.
    }
  }

  ElementType type() {
    return type;
  }

  long[] shape() {
    return shape.clone();
  }

  /** Throws unless the file holds {@code expected} with a rank in {@code [minRank, maxRank]}. */
  void requireType(ElementType expected, int minRank, int maxRank, String accessor) {
    if (type != expected || shape.length < minRank || shape.length > maxRank) {
      throw new BundleFormatException(file, "holds " + type.displayName + " of shape "
          + ArrayFileFormat.describeShape(shape) + ", which " + accessor + "() cannot return; read it with the"
          + " accessor for that kind");
    }
  }

  float[] readFloats(int count) throws IOException {
    float[] values = new float[count];
    int position = 0;
    while (position < count) {
      fill(Float.BYTES);
      int chunk = Math.min(count - position, buffer.remaining() / Float.BYTES);
      buffer.asFloatBuffer().get(values, position, chunk);
      buffer.position(buffer.position() + chunk * Float.BYTES);
      position += chunk;
    }
    return values;
  }

  int[] readInts(int count) throws IOException {
    int[] values = new int[count];
    int position = 0;
    while (position < count) {
      fill(Integer.BYTES);
      int chunk = Math.min(count - position, buffer.remaining() / Integer.BYTES);
      buffer.asIntBuffer().get(values, position, chunk);
      buffer.position(buffer.position() + chunk * Integer.BYTES);
      position += chunk;
    }
    return values;
  }

  byte[] readBytes(int count) throws IOException {
    byte[] values = new byte[count];
    int position = 0;
    while (position < count) {
      fill(1);
      int chunk = Math.min(count - position, buffer.remaining());
      buffer.get(values, position, chunk);
      position += chunk;
    }
    return values;
  }

  /** Reads the rest of the payload without keeping it, so the checksum can be verified. */
  void skipPayload() throws IOException {
    while (payloadLeft > 0 || buffer.hasRemaining()) {
      fill(1);
      buffer.position(buffer.limit());
    }
  }

  /**
   * Compares the stored CRC32C with the one computed over everything read.
   *
   * @throws BundleFormatException if the payload was not read to the end or the checksums differ
   */
  void verifyChecksum() throws IOException {
    if (payloadLeft > 0 || buffer.hasRemaining()) {
      throw new IllegalStateException("payload of " + file + " not fully read before the checksum check");
    }
    ByteBuffer trailer = ByteBuffer.allocate(ArrayFileFormat.TRAILER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    while (trailer.hasRemaining()) {
      if (channel.read(trailer) < 0) {
        throw corrupt("file ends before its checksum trailer, so it is truncated");
      }
    }
    int stored = trailer.getInt(0);
    int computed = (int) checksum.getValue();
    if (stored != computed) {
      throw corrupt(String.format("CRC32C checksum mismatch: stored %08x, computed %08x, so the file is corrupted",
          stored, computed));
    }
  }

  /** Checksum of header and payload, valid after {@link #verifyChecksum()}. */
  String checksumHex() {
    return String.format("%08x", (int) checksum.getValue());
  }

  /** Makes at least {@code minBytes} bytes available in the buffer, reading no further than the payload end. */
  private void fill(int minBytes) throws IOException {
    if (buffer.remaining() >= minBytes) {
      return;
    }
    buffer.compact();
    while (buffer.position() < minBytes) {
      int room = (int) Math.min(buffer.remaining(), payloadLeft);
      if (room == 0) {
        throw corrupt("payload ends early, so the file is truncated");
      }
      ByteBuffer slice = buffer.slice(buffer.position(), room);
      int read = channel.read(slice);
      if (read < 0) {
        throw corrupt("file ends inside the payload, so it is truncated");
      }
      checksum.update(buffer.slice(buffer.position(), read));
      buffer.position(buffer.position() + read);
      payloadLeft -= read;
    }
    buffer.flip();
  }

  private BundleFormatException corrupt(String problem) {
    return new BundleFormatException(file, problem + "; " + REWRITE_ADVICE);
  }

  private static String knownTypes() {
    StringBuilder text = new StringBuilder();
    for (ElementType known : ElementType.values()) {
      if (!text.isEmpty()) {
        text.append(", ");
      }
      text.append(known.code).append(" (").append(known.displayName).append(')');
    }
    return text.toString();
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
