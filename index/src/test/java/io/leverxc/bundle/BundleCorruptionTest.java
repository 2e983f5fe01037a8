package io.leverxc.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleCorruptionTest {
  @TempDir Path folder;
  private Path bundle;
  private Path weights;

  @BeforeEach
  void writeBundle() {
    bundle = folder.resolve("model");
    float[] values = new float[1000];
    for (int i = 0; i < values.length; i++) {
      values[i] = i;
    }
    try (BundleWriter writer = BundleWriter.create(bundle)) {
      writer.putFloats("weights", values).putInts("ids", new int[] {3, 1, 2})
          .setManifest(BundleRoundTripTest.sampleManifest()).commit();
    }
    weights = bundle.resolve("weights.bin");
  }

  private static void xorByte(Path file, long offset) throws IOException {
    try (RandomAccessFile access = new RandomAccessFile(file.toFile(), "rw")) {
      access.seek(offset);
      int old = access.read();
      access.seek(offset);
      access.write(old ^ 0x01);
    }
  }

  private static void truncate(Path file, long length) throws IOException {
    try (RandomAccessFile access = new RandomAccessFile(file.toFile(), "rw")) {
      access.setLength(length);
    }
  }

  private BundleFormatException readWeightsFails() {
    return assertThrows(BundleFormatException.class, () -> BundleReader.open(bundle).floats("weights"));
  }

  @Test
  void flippedPayloadByteFailsChecksum() throws IOException {
    xorByte(weights, 40 + 1234);
    BundleFormatException error = readWeightsFails();
    assertEquals(weights, error.file());
    assertTrue(error.getMessage().startsWith(weights + ": CRC32C checksum mismatch: stored "), error.getMessage());
    assertTrue(error.getMessage().contains("train the model again or restore the bundle from a backup"),
        error.getMessage());
  }

  @Test
  void verifyAllFindsFlippedByte() throws IOException {
    BundleReader.open(bundle).verifyAll();
    xorByte(weights, 40 + 3999);
    BundleReader reader = BundleReader.open(bundle);
    BundleFormatException error = assertThrows(BundleFormatException.class, reader::verifyAll);
    assertEquals(weights, error.file());
    assertTrue(error.getMessage().contains("CRC32C checksum mismatch"), error.getMessage());
  }

  @Test
  void flippedChecksumByteFailsChecksum() throws IOException {
    xorByte(weights, Files.size(weights) - 1);
    assertTrue(readWeightsFails().getMessage().contains("CRC32C checksum mismatch"));
  }

  @Test
  void flippedMagicByteIsRejected() throws IOException {
    xorByte(weights, 0);
    assertTrue(readWeightsFails().getMessage().contains("invalid magic bytes"));
  }

  @Test
  void flippedShapeByteIsRejected() throws IOException {
    xorByte(weights, 16);
    BundleFormatException error = readWeightsFails();
    assertTrue(error.getMessage().contains("file is 4,044 bytes, but its header describes a float32 array of shape"
        + " 1001, which needs a file of 4,048 bytes, so it is truncated"), error.getMessage());
  }

  @Test
  void truncatedFileFailsOnOpen() throws IOException {
    truncate(weights, 2000);
    BundleFormatException error = assertThrows(BundleFormatException.class, () -> BundleReader.open(bundle));
    assertEquals(weights, error.file());
    assertTrue(error.getMessage().contains("file is 2000 bytes but the manifest records 4044"), error.getMessage());
  }

  @Test
  void truncatedFileIsNamedByArrayReader() throws IOException {
    truncate(weights, 2000);
    BundleFormatException error = assertThrows(BundleFormatException.class, () -> ArrayFileReader.open(weights));
    assertTrue(error.getMessage().contains("file is 2,000 bytes, but its header describes a float32 array of shape"
        + " 1000, which needs a file of 4,044 bytes, so it is truncated"), error.getMessage());
  }

  @Test
  void fileShorterThanHeaderIsRejected() throws IOException {
    truncate(weights, 10);
    BundleFormatException error = assertThrows(BundleFormatException.class, () -> ArrayFileReader.open(weights));
    assertTrue(error.getMessage().contains("file is 10 bytes, shorter than the smallest valid file (44 bytes)"),
        error.getMessage());
  }

  @Test
  void newerArrayVersionIsRejected() throws IOException {
    try (RandomAccessFile access = new RandomAccessFile(weights.toFile(), "rw")) {
      access.seek(8);
      access.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(7).array());
    }
    BundleFormatException error = readWeightsFails();
    assertTrue(error.getMessage().contains("array format version 7 is newer than this Lever-XC reads (supported: 1)"),
        error.getMessage());
  }

  @Test
  void unknownElementTypeIsRejected() throws IOException {
    try (RandomAccessFile access = new RandomAccessFile(weights.toFile(), "rw")) {
      access.seek(12);
      access.write(99);
    }
    BundleFormatException error = readWeightsFails();
    assertTrue(error.getMessage().contains("unknown element type code 99, expected one of 1 (float32), 2 (int32)"),
        error.getMessage());
  }

  @Test
  void missingListedFileFailsOnOpen() throws IOException {
    Files.delete(bundle.resolve("ids.bin"));
    BundleFormatException error = assertThrows(BundleFormatException.class, () -> BundleReader.open(bundle));
    assertEquals(bundle.resolve("ids.bin"), error.file());
    assertTrue(error.getMessage().contains("missing bundle file listed in the manifest"), error.getMessage());
  }

  @Test
  void fileSwappedFromOtherBundleIsRejected() throws IOException {
    Path other = folder.resolve("other");
    try (BundleWriter writer = BundleWriter.create(other)) {
      writer.putInts("ids", new int[] {9, 9, 9}).setManifest(BundleRoundTripTest.sampleManifest()).commit();
    }
    Files.copy(other.resolve("ids.bin"), bundle.resolve("ids.bin"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    BundleFormatException error =
        assertThrows(BundleFormatException.class, () -> BundleReader.open(bundle).ints("ids"));
    assertTrue(error.getMessage().contains("in the manifest, so the file was replaced"), error.getMessage());
  }
}
