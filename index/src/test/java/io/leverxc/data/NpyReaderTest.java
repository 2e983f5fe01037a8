package io.leverxc.data;

import static io.leverxc.data.FormatErrors.assertFails;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.leverxc.vector.DenseMatrix;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fixtures were written by NumPy; make_fixtures.py next to them regenerates them. */
class NpyReaderTest {
  private static final float[] MATRIX = {1.0f, -2.5f, 3.0f, 0.25f, 0.0f, 1e-30f};

  @TempDir Path folder;

  private static Path fixture(String name) {
    try {
      return Path.of(NpyReaderTest.class.getResource("npy/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void readsMatrixOfEveryFormatVersion() {
    for (String name : new String[] {"matrix_f4.npy", "matrix_v2.npy", "matrix_v3.npy"}) {
      DenseMatrix matrix = NpyReader.readMatrix(fixture(name));
      assertEquals(2, matrix.rows(), name);
      assertEquals(3, matrix.columns(), name);
      assertArrayEquals(MATRIX, matrix.data(), name);
    }
  }

  @Test
  void readsVectorAndEmptyMatrix() {
    assertArrayEquals(new float[] {0.5f, 1.5f, -7.0f, 8.0f}, NpyReader.readVector(fixture("vector_f4.npy")));
    DenseMatrix empty = NpyReader.readMatrix(fixture("empty_rows_f4.npy"));
    assertEquals(0, empty.rows());
    assertEquals(4, empty.columns());
  }

  @Test
  void float64IsRejected() {
    Path file = fixture("matrix_f8.npy");
    assertFails(() -> NpyReader.readMatrix(file), file, 0, 0,
        "header field 'descr': expected '<f4' (little-endian float32), found '<f8'", "astype('<f4')");
  }

  @Test
  void bigEndianIsRejected() {
    Path file = fixture("matrix_big_endian.npy");
    assertFails(() -> NpyReader.readMatrix(file), file, 0, 0, "found '>f4'");
  }

  @Test
  void fortranOrderIsRejected() {
    Path file = fixture("matrix_fortran.npy");
    assertFails(() -> NpyReader.readMatrix(file), file, 0, 0,
        "header field 'fortran_order': expected False (C order), found True");
  }

  @Test
  void wrongRankIsRejected() {
    Path cube = fixture("cube_f4.npy");
    assertFails(() -> NpyReader.readMatrix(cube), cube, 0, 0,
        "header field 'shape': expected 2 dimensions, found 3 [2, 2, 2]");
    Path matrix = fixture("matrix_f4.npy");
    assertFails(() -> NpyReader.readVector(matrix), matrix, 0, 0,
        "header field 'shape': expected 1 dimension, found 2 [2, 3]");
  }

  @Test
  void truncatedDataIsRejected() throws IOException {
    byte[] bytes = Files.readAllBytes(fixture("matrix_f4.npy"));
    Path file = Files.write(folder.resolve("cut.npy"), Arrays.copyOf(bytes, bytes.length - 3));
    assertFails(() -> NpyReader.readMatrix(file), file, 0, 0,
        "file is 149 bytes but its shape [2, 3] calls for 152, so it is truncated");
  }

  @Test
  void truncatedHeaderIsRejected() throws IOException {
    byte[] bytes = Files.readAllBytes(fixture("matrix_f4.npy"));
    Path file = Files.write(folder.resolve("cut.npy"), Arrays.copyOf(bytes, 40));
    assertFails(() -> NpyReader.readMatrix(file), file, 0, 0, "file ends inside the header (40 bytes)");
  }

  @Test
  void wrongMagicIsRejected() throws IOException {
    Path file = Files.writeString(folder.resolve("text.npy"), "1.0,2.0,3.0\n");
    assertFails(() -> NpyReader.readMatrix(file), file, 0, 0,
        "not a NumPy .npy file: expected the magic string \\x93NUMPY, found 312e302c322e");
  }

  @Test
  void emptyFileIsRejected() throws IOException {
    Path file = Files.write(folder.resolve("empty.npy"), new byte[0]);
    assertFails(() -> NpyReader.readMatrix(file), file, 0, 0, "file ends inside the magic string and version");
  }

  @Test
  void malformedHeaderIsRejected() throws IOException {
    byte[] bytes = Files.readAllBytes(fixture("matrix_f4.npy"));
    int shapeOpen = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("(2, 3)");
    bytes[shapeOpen + 1] = 'x';
    Path file = Files.write(folder.resolve("bad.npy"), bytes);
    assertFails(() -> NpyReader.readMatrix(file), file, 0, 0,
        "expected a non-negative integer in the shape tuple, found 'x'");
  }

  @Test
  void missingFileIsRejected() {
    Path file = folder.resolve("absent.npy");
    assertFails(() -> NpyReader.readMatrix(file), file, 0, 0, "missing file");
  }

  @Test
  void hugeShapeIsRejected() throws IOException {
    byte[] bytes = Files.readAllBytes(fixture("matrix_f4.npy"));
    String header = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
    int shapeAt = header.indexOf("(2, 3)");
    byte[] huge = "(99999999999, 99999999)".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    // Overwrite part of the space padding so the header length stays the same.
    byte[] edited = bytes.clone();
    System.arraycopy(huge, 0, edited, shapeAt, huge.length);
    String rest = "), }";
    System.arraycopy(rest.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 0, edited, shapeAt + huge.length - 1,
        rest.length());
    Path file = Files.write(folder.resolve("huge.npy"), edited);
    assertFails(() -> NpyReader.readMatrix(file), file, 0, 0,
        "header field 'shape': [99999999999, 99999999] has more than 2147483639 elements");
  }
}
