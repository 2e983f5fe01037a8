package io.leverxc.text;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

class FeaturizerFormatTest {
  private static final byte[] BYTES =
      TfidfFeaturizer.fit(
              FeatureSettings.builder().charNgrams(true).stem(true).minDocumentFrequency(1).build(),
              List.of("red car", "blue car", "red bus"),
              1)
          .toBytes();

  private static String readError(byte[] bytes) {
    return assertThrows(IllegalArgumentException.class, () -> TfidfFeaturizer.fromBytes(bytes)).getMessage();
  }

  /** Returns a copy of the bytes with the int at {@code offset} replaced and the checksum fixed. */
  private static byte[] withInt(int offset, int value) {
    byte[] copy = BYTES.clone();
    ByteBuffer.wrap(copy).putInt(offset, value);
    CRC32 checksum = new CRC32();
    checksum.update(copy, 0, copy.length - Long.BYTES);
    ByteBuffer.wrap(copy).putLong(copy.length - Long.BYTES, checksum.getValue());
    return copy;
  }

  @Test
  void wrongMagicIsRejected() {
    String message = readError(withInt(0, 0x12345678));
    assertTrue(message.contains("not a text featurizer"), message);
  }

  @Test
  void newerFormatVersionIsRejected() {
    String message = readError(withInt(Integer.BYTES, FeaturizerFormat.VERSION + 1));
    assertTrue(message.contains("format version 2 is not supported"), message);
  }

  @Test
  void truncatedBytesAreRejected() {
    String shortMessage = readError(Arrays.copyOf(BYTES, 10));
    assertTrue(shortMessage.contains("truncated"), shortMessage);
    String cutMessage = readError(Arrays.copyOf(BYTES, BYTES.length - 3));
    assertTrue(cutMessage.contains("corrupt"), cutMessage);
  }

  @Test
  void negativeSettingsCountIsRejected() {
    String message = readError(withInt(2 * Integer.BYTES, -1));
    assertTrue(message.contains("settings entry count must be in [0, 1000], found -1"), message);
  }
}
