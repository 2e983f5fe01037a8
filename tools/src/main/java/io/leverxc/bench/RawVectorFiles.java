package io.leverxc.bench;

import io.leverxc.data.DataFormatException;
import io.leverxc.data.TemporaryFiles;
import io.leverxc.vector.DenseMatrix;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Raw vector files shared with other ANN libraries: {@code .f32} contains little-endian float32
 * rows of a given dimension, and {@code .i32} contains little-endian int32 rows of top-k ids.
 * Neither has a header, so the row count follows from the file size.
 */
public final class RawVectorFiles {
  private RawVectorFiles() {}

  /**
   * Reads a float32 matrix of {@code dimension} columns.
   *
   * @throws DataFormatException if the file size is not a whole number of rows
   */
  public static DenseMatrix readFloats(Path file, int dimension) {
    if (dimension < 1) {
      throw new IllegalArgumentException("dimension must be >= 1, got " + dimension);
    }
    ByteBuffer bytes = readAll(file, (long) dimension * Float.BYTES, "float32 rows of " + dimension);
    int rows = (int) (bytes.remaining() / ((long) dimension * Float.BYTES));
    DenseMatrix matrix = new DenseMatrix(rows, dimension);
    bytes.asFloatBuffer().get(matrix.data());
    return matrix;
  }

  /**
   * Reads {@code rows} rows of int32 ids; the row length is the file size divided by {@code rows}.
   *
   * @throws DataFormatException if the file does not split into {@code rows} equal int32 rows
   */
  public static int[][] readInts(Path file, int rows) {
    ByteBuffer bytes = readAll(file, Integer.BYTES, "int32 values");
    int total = bytes.remaining() / Integer.BYTES;
    if (rows < 1 || total % rows != 0 || total == 0) {
      throw new DataFormatException(
          file, 0, "expected " + rows + " rows of int32 ids, found " + total + " ints in total");
    }
    int length = total / rows;
    int[][] values = new int[rows][length];
    for (int[] row : values) {
      bytes.asIntBuffer().get(row);
      bytes.position(bytes.position() + length * Integer.BYTES);
    }
    return values;
  }

  /** Writes {@code matrix} as float32 rows through a temporary file. */
  public static void writeFloats(Path file, DenseMatrix matrix) {
    ByteBuffer bytes =
        ByteBuffer.allocate(matrix.data().length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asFloatBuffer().put(matrix.data());
    writeAll(file, bytes);
  }

  /** Writes equal-length int rows as int32 through a temporary file. */
  public static void writeInts(Path file, int[][] rows) {
    int length = rows.length == 0 ? 0 : rows[0].length;
    ByteBuffer bytes =
        ByteBuffer.allocate(rows.length * length * Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    for (int[] row : rows) {
      if (row.length != length) {
        throw new IllegalArgumentException(
            "rows differ in length: " + row.length + " and " + length);
      }
      bytes.asIntBuffer().put(row);
      bytes.position(bytes.position() + length * Integer.BYTES);
    }
    bytes.flip();
    writeAll(file, bytes);
  }

  private static ByteBuffer readAll(Path file, long unit, String expected) {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      if (size % unit != 0) {
        throw new DataFormatException(
            file, 0, "expected " + expected + ", but the size " + size + " is not a multiple of " + unit);
      }
      if (size > Integer.MAX_VALUE - 8) {
        throw new DataFormatException(file, 0, "file of " + size + " bytes exceeds the 2 GiB limit");
      }
      ByteBuffer bytes = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
      while (bytes.hasRemaining() && channel.read(bytes) >= 0) {
        // Reads until the buffer is full; FileChannel may return fewer bytes per call.
      }
      return bytes.flip();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static void writeAll(Path file, ByteBuffer bytes) {
    Path absolute = file.toAbsolutePath();
    Path temporary;
    try {
      temporary = TemporaryFiles.createBeside(absolute);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
    try (FileChannel channel =
        FileChannel.open(
            temporary,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      bytes.rewind();
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
    try {
      Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot move " + temporary + " to " + file + ": " + e.getMessage(), e);
    }
  }
}
