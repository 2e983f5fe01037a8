package io.leverxc.text;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UTFDataFormatException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The byte layout of a fitted {@link TfidfFeaturizer}, big-endian:
 *
 * <pre>
 * int    magic 0x4C585446 ("LXTF")
 * int    format version
 * int    number of settings entries, then each entry as two modified-UTF-8 strings (key, value),
 *        as written by FeatureSettings.toMap()
 * int    number of texts the featurizer was fitted on
 * int    dimension D
 * VOCABULARY only: D times (long feature key, modified-UTF-8 readable term)
 * float  D idf values
 * long   CRC-32 of every byte before it
 * </pre>
 */
final class FeaturizerFormat {
  static final int MAGIC = 0x4C585446;
  static final int VERSION = 1;
  private static final int CHECKSUM_BYTES = Long.BYTES;
  private static final int MAX_SETTINGS_ENTRIES = 1_000;

  private FeaturizerFormat() {}

  static byte[] write(TfidfFeaturizer featurizer) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(MAGIC);
      out.writeInt(VERSION);
      Map<String, String> settings = featurizer.settings().toMap();
      out.writeInt(settings.size());
      for (Map.Entry<String, String> entry : settings.entrySet()) {
        out.writeUTF(entry.getKey());
        out.writeUTF(entry.getValue());
      }
      out.writeInt(featurizer.documentCount());
      float[] idf = featurizer.idfTable();
      out.writeInt(idf.length);
      Vocabulary vocabulary = featurizer.vocabulary();
      if (vocabulary != null) {
        for (int id = 0; id < vocabulary.size(); id++) {
          out.writeLong(vocabulary.key(id));
          out.writeUTF(vocabulary.term(id));
        }
      }
      for (float value : idf) {
        out.writeFloat(value);
      }
      CRC32 checksum = new CRC32();
      checksum.update(bytes.toByteArray());
      out.writeLong(checksum.getValue());
    } catch (UTFDataFormatException e) {
      throw new IllegalStateException("a vocabulary term is longer than 65,535 bytes in modified UTF-8", e);
    } catch (IOException e) {
      throw new UncheckedIOException("writing to a byte array failed", e);
    }
    return bytes.toByteArray();
  }

  /**
   * Reads a featurizer.
   *
   * @throws IllegalArgumentException if the bytes are truncated, corrupt, of another format or
   *     version, or contain invalid settings
   */
  static TfidfFeaturizer read(byte[] bytes) {
    if (bytes.length < 2 * Integer.BYTES + CHECKSUM_BYTES) {
      throw new IllegalArgumentException(
          "text featurizer data is truncated: " + bytes.length + " bytes");
    }
    CRC32 checksum = new CRC32();
    checksum.update(bytes, 0, bytes.length - CHECKSUM_BYTES);
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      int magic = in.readInt();
      if (magic != MAGIC) {
        throw new IllegalArgumentException(
            String.format(
                "not a text featurizer: expected magic 0x%08X, found 0x%08X", MAGIC, magic));
      }
      int version = in.readInt();
      if (version < 1 || version > VERSION) {
        throw new IllegalArgumentException(
            "text featurizer format version "
                + version
                + " is not supported; this release reads versions 1 to "
                + VERSION);
      }
      long stored = readChecksum(bytes);
      if (stored != checksum.getValue()) {
        throw new IllegalArgumentException(
            String.format(
                "text featurizer data is corrupt: CRC-32 is 0x%08X, stored 0x%08X", checksum.getValue(), stored));
      }
      FeatureSettings settings = FeatureSettings.fromMap(readSettings(in));
      int documentCount = readCount(in, "document count", Integer.MAX_VALUE);
      int dimension = readCount(in, "dimension", maxDimension(settings));
      Vocabulary vocabulary = null;
      if (settings.indexing() == FeatureIndexing.VOCABULARY) {
        long[] keys = new long[dimension];
        String[] terms = new String[dimension];
        for (int id = 0; id < dimension; id++) {
          keys[id] = in.readLong();
          terms[id] = in.readUTF();
        }
        vocabulary = new Vocabulary(keys, terms);
      }
      float[] idf = new float[dimension];
      for (int id = 0; id < dimension; id++) {
        idf[id] = in.readFloat();
        if (!(idf[id] > 0) || Float.isInfinite(idf[id])) {
          throw new IllegalArgumentException(
              "text featurizer idf of feature " + id + " must be positive and finite, found " + idf[id]);
        }
      }
      if (in.available() != CHECKSUM_BYTES) {
        throw new IllegalArgumentException(
            "text featurizer data has "
                + (in.available() - CHECKSUM_BYTES)
                + " unexpected bytes before the checksum");
      }
      return new TfidfFeaturizer(settings, vocabulary, idf, documentCount);
    } catch (EOFException e) {
      throw new IllegalArgumentException("text featurizer data is truncated", e);
    } catch (IOException e) {
      throw new IllegalArgumentException("text featurizer data is malformed: " + e.getMessage(), e);
    }
  }

  private static Map<String, String> readSettings(DataInputStream in) throws IOException {
    int entries = readCount(in, "settings entry count", MAX_SETTINGS_ENTRIES);
    Map<String, String> settings = new LinkedHashMap<>();
    for (int i = 0; i < entries; i++) {
      String key = in.readUTF();
      String value = in.readUTF();
      if (settings.put(key, value) != null) {
        throw new IllegalArgumentException("text featurizer settings repeat the key '" + key + "'");
      }
    }
    return settings;
  }

  private static int maxDimension(FeatureSettings settings) {
    return settings.indexing() == FeatureIndexing.HASHING
        ? settings.hashBuckets()
        : settings.maxVocabularySize();
  }

  private static int readCount(DataInputStream in, String name, int max) throws IOException {
    int value = in.readInt();
    if (value < 0 || value > max) {
      throw new IllegalArgumentException(
          "text featurizer " + name + " must be in [0, " + max + "], found " + value);
    }
    return value;
  }

  private static long readChecksum(byte[] bytes) {
    long value = 0;
    for (int i = bytes.length - CHECKSUM_BYTES; i < bytes.length; i++) {
      value = (value << 8) | (bytes[i] & 0xFF);
    }
    return value;
  }
}
