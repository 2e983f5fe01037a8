package io.leverxc.ann;

import io.leverxc.vector.DenseMatrix;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * The versioned byte layout around a backend's payload, checked before the payload is parsed.
 *
 * <p>Layout, little-endian: magic {@code "LXVI"} (4 bytes), format version (int), backend and
 * similarity (one byte each, their enum ordinals), m, efConstruction, ef, rows, dimension (ints),
 * vector fingerprint (long), payload length (int), payload, then a CRC-32C (int) of every byte
 * before it. The checksum catches truncation and accidental corruption. It is not a signature: a
 * deliberately edited file with a recomputed checksum passes, so backends must parse the payload
 * defensively too.
 */
final class IndexEnvelope {
  static final int MAGIC = 0x4956584C; // "LXVI" read as a little-endian int
  static final int VERSION = 1;
  static final int HEADER_BYTES = 4 + 4 + 1 + 1 + 5 * 4 + 8 + 4;
  static final int CHECKSUM_BYTES = 4;
  /** Rows sampled by {@link #fingerprint}; enough to tell matrices apart, cheap at 1M rows. */
  private static final int FINGERPRINT_ROWS = 64;

  private IndexEnvelope() {}

  /** A verified envelope: the settings and similarity it records, and the backend payload. */
  record Contents(IndexSettings settings, Similarity similarity, ByteBuffer payload) {}

  static byte[] write(IndexSettings settings, SimilaritySpace space, byte[] payload) {
    ByteBuffer buffer =
        ByteBuffer.allocate(HEADER_BYTES + payload.length + CHECKSUM_BYTES)
            .order(ByteOrder.LITTLE_ENDIAN);
    buffer.putInt(MAGIC).putInt(VERSION);
    buffer.put((byte) settings.backend().ordinal()).put((byte) space.similarity().ordinal());
    buffer.putInt(settings.m()).putInt(settings.efConstruction()).putInt(settings.ef());
    buffer.putInt(space.size()).putInt(space.dimension());
    buffer.putLong(fingerprint(space.vectors()));
    buffer.putInt(payload.length).put(payload);
    CRC32C crc = new CRC32C();
    crc.update(buffer.array(), 0, buffer.position());
    buffer.putInt((int) crc.getValue());
    return buffer.array();
  }

  /**
   * Verifies magic, checksum, version, settings and that {@code vectors} has the shape and
   * fingerprint recorded at build time, then returns the contents.
   *
   * @throws CorruptIndexException naming {@code source} and the first failed check
   */
  static Contents read(byte[] bytes, String source, DenseMatrix vectors) {
    if (bytes.length < HEADER_BYTES + CHECKSUM_BYTES) {
      throw new CorruptIndexException(
          source,
          "truncated vector index: expected at least "
              + (HEADER_BYTES + CHECKSUM_BYTES)
              + " bytes, found "
              + bytes.length);
    }
    ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    int magic = buffer.getInt();
    if (magic != MAGIC) {
      throw new CorruptIndexException(
          source, "not a vector index: expected magic LXVI, found 0x" + Integer.toHexString(magic));
    }
    verifyChecksum(bytes, source);
    int version = buffer.getInt();
    if (version != VERSION) {
      throw new CorruptIndexException(
          source,
          "unsupported vector index format version " + version + ", expected " + VERSION
              + "; rebuild the index with this version of Lever-XC");
    }
    IndexBackend backend = enumAt(IndexBackend.values(), buffer.get(), "backend", source);
    Similarity similarity = enumAt(Similarity.values(), buffer.get(), "similarity", source);
    IndexSettings settings = readSettings(buffer, backend, source);
    checkVectors(buffer, source, vectors);

    int payloadLength = buffer.getInt();
    if (payloadLength != bytes.length - HEADER_BYTES - CHECKSUM_BYTES) {
      throw new CorruptIndexException(
          source,
          "payload length "
              + payloadLength
              + " does not match the "
              + (bytes.length - HEADER_BYTES - CHECKSUM_BYTES)
              + " bytes present");
    }
    ByteBuffer payload = buffer.slice(HEADER_BYTES, payloadLength).order(ByteOrder.LITTLE_ENDIAN);
    return new Contents(settings, similarity, payload);
  }

  private static IndexSettings readSettings(ByteBuffer buffer, IndexBackend backend, String source) {
    try {
      return new IndexSettings(backend, buffer.getInt(), buffer.getInt(), buffer.getInt());
    } catch (IllegalArgumentException e) {
      throw new CorruptIndexException(source, e.getMessage(), e);
    }
  }

  private static void checkVectors(ByteBuffer buffer, String source, DenseMatrix vectors) {
    int rows = buffer.getInt();
    int dimension = buffer.getInt();
    if (rows != vectors.rows() || dimension != vectors.columns()) {
      throw new CorruptIndexException(
          source,
          "index was built on a "
              + rows
              + "x"
              + dimension
              + " matrix, but the vectors given are "
              + vectors.rows()
              + "x"
              + vectors.columns());
    }
    long fingerprint = buffer.getLong();
    if (fingerprint != fingerprint(vectors)) {
      throw new CorruptIndexException(
          source,
          "index was built on other vectors of the same shape (fingerprint mismatch);"
              + " rebuild the index for these vectors");
    }
  }

  private static void verifyChecksum(byte[] bytes, String source) {
    int end = bytes.length - CHECKSUM_BYTES;
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, end);
    int expected = ByteBuffer.wrap(bytes, end, CHECKSUM_BYTES).order(ByteOrder.LITTLE_ENDIAN).getInt();
    int actual = (int) crc.getValue();
    if (expected != actual) {
      throw new CorruptIndexException(
          source,
          "checksum mismatch (stored 0x"
              + Integer.toHexString(expected)
              + ", computed 0x"
              + Integer.toHexString(actual)
              + "): the index is truncated or damaged; rebuild it");
    }
  }

  private static <E extends Enum<E>> E enumAt(E[] values, byte code, String field, String source) {
    if (code < 0 || code >= values.length) {
      throw new CorruptIndexException(
          source, "invalid " + field + " code " + code + ": expected 0 to " + (values.length - 1));
    }
    return values[code];
  }

  /**
   * Returns a hash of the shape and of up to {@value #FINGERPRINT_ROWS} evenly spaced rows. It
   * detects a different matrix of the same shape, but not a change confined to unsampled rows.
   */
  static long fingerprint(DenseMatrix vectors) {
    long hash = 0x9E3779B97F4A7C15L ^ ((long) vectors.rows() << 32 | vectors.columns());
    int rows = vectors.rows();
    int step = Math.max(1, rows / FINGERPRINT_ROWS);
    float[] data = vectors.data();
    for (int row = 0; row < rows; row += step) {
      int offset = vectors.offset(row);
      for (int column = 0; column < vectors.columns(); column++) {
        hash = mix(hash ^ Float.floatToIntBits(data[offset + column]));
      }
    }
    return hash;
  }

  // Finaliser of the SplitMix64 generator: spreads every input bit over the whole word.
  private static long mix(long value) {
    long z = (value ^ (value >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
