package io.leverxc.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leverxc.data.DataFormatException;
import io.leverxc.vector.DenseMatrix;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RawVectorFilesTest {
  @TempDir Path folder;

  @Test
  void floatsAreLittleEndianRows() throws IOException {
    Path file = folder.resolve("v.f32");
    ByteBuffer bytes = ByteBuffer.allocate(6 * 4).order(ByteOrder.LITTLE_ENDIAN);
    bytes.putFloat(1).putFloat(2).putFloat(3).putFloat(4).putFloat(5).putFloat(6.5f);
    Files.write(file, bytes.array());

    DenseMatrix matrix = RawVectorFiles.readFloats(file, 3);

    assertEquals(2, matrix.rows());
    assertArrayEquals(new float[] {4, 5, 6.5f}, matrix.row(1));
  }

  @Test
  void floatsRoundTrip() {
    Path file = folder.resolve("v.f32");
    DenseMatrix matrix = new DenseMatrix(2, 2, new float[] {1, -2, 3.25f, 0});

    RawVectorFiles.writeFloats(file, matrix);

    assertArrayEquals(matrix.data(), RawVectorFiles.readFloats(file, 2).data());
  }

  @Test
  void intsRoundTrip() {
    Path file = folder.resolve("t.i32");
    int[][] rows = {{3, 1, 2}, {7, 8, 9}};

    RawVectorFiles.writeInts(file, rows);
    int[][] read = RawVectorFiles.readInts(file, 2);

    assertArrayEquals(rows[0], read[0]);
    assertArrayEquals(rows[1], read[1]);
  }

  @Test
  void partialRowRejectedNamingFile() throws IOException {
    Path file = folder.resolve("v.f32");
    Files.write(file, new byte[20]);

    DataFormatException error =
        assertThrows(DataFormatException.class, () -> RawVectorFiles.readFloats(file, 2));
    assertTrue(error.getMessage().startsWith(file + ": expected float32 rows of 2"), error.getMessage());
  }

  @Test
  void truthRowsMustSplitEvenly() throws IOException {
    Path file = folder.resolve("t.i32");
    Files.write(file, new byte[5 * 4]);

    DataFormatException error =
        assertThrows(DataFormatException.class, () -> RawVectorFiles.readInts(file, 2));
    assertTrue(error.getMessage().contains("expected 2 rows of int32 ids, found 5 ints"), error.getMessage());
  }
}
