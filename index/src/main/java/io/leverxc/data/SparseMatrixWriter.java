package io.leverxc.data;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a {@link LabelMatrix} in the XC sparse text format that {@link SparseMatrixReader} reads:
 * a header {@code num_rows num_cols}, then one line per row of {@code col:value} pairs, each line
 * ending with a newline. A file name ending in {@code .gz} is gzip-compressed.
 *
 * <p>Values are written with {@link Float#toString(float)}, the shortest decimal that reads back to
 * the same float. The file is written to a temporary sibling, forced to disk and renamed over the
 * target, so readers never see a half-written file.
 */
public final class SparseMatrixWriter {
  private static final int BUFFER_CHARS = 1 << 16;

  private SparseMatrixWriter() {}

  /**
   * Writes {@code matrix} to {@code file}, replacing any existing file.
   *
   * @throws UncheckedIOException if writing, syncing or renaming fails; the target is then unchanged
   */
  public static void write(Path file, LabelMatrix matrix) {
    Path absolute = file.toAbsolutePath();
    Path temporary = null;
    try {
      temporary = TemporaryFiles.createBeside(absolute);
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
        OutputStream raw = Channels.newOutputStream(channel);
        OutputStream out = absolute.getFileName().toString().endsWith(".gz") ? new GZIPOutputStream(raw) : raw;
        BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), BUFFER_CHARS);
        writeText(writer, matrix);
        writer.flush();
        if (out instanceof GZIPOutputStream gzip) {
          gzip.finish();
        }
        channel.force(true);
      }
      Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      try {
        if (temporary != null) {
          Files.deleteIfExists(temporary);
        }
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw new UncheckedIOException("cannot write sparse matrix to " + absolute + ": " + e.getMessage(), e);
    }
  }

  private static void writeText(BufferedWriter writer, LabelMatrix matrix) throws IOException {
    writer.write(matrix.rows() + " " + matrix.columns());
    writer.write('\n');
    for (int row = 0; row < matrix.rows(); row++) {
      for (int position = matrix.rowStart(row); position < matrix.rowEnd(row); position++) {
        if (position > matrix.rowStart(row)) {
          writer.write(' ');
        }
        writer.write(Integer.toString(matrix.label(position)));
        writer.write(':');
        writer.write(Float.toString(matrix.value(position)));
      }
      writer.write('\n');
    }
  }
}
