package io.leverxc.eval;

import io.leverxc.data.TemporaryFiles;
import io.leverxc.model.LabelPredictor;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Writes predictions in the format {@link PredictionReader} reads: a header
 * {@code num_rows num_labels}, then one line of {@code label:score} pairs per document. The rows go
 * to a temporary file in the target's folder that is renamed onto the target only when
 * {@link #close()} finds every declared row written, so a failed run never leaves a truncated file
 * behind. Not thread-safe.
 */
public final class PredictionWriter implements AutoCloseable {
  private static final int BUFFER_CHARS = 1 << 16;

  private final Path target;
  private final Path temporary;
  private final Writer writer;
  private final int documents;
  private final int labelCount;
  private int rowsWritten;
  private boolean closed;

  private PredictionWriter(Path target, Path temporary, Writer writer, int documents, int labelCount) {
    this.target = target;
    this.temporary = temporary;
    this.writer = writer;
    this.documents = documents;
    this.labelCount = labelCount;
  }

  /**
   * Starts a prediction file for {@code documents} rows over {@code labelCount} labels.
   *
   * @throws UncheckedIOException if the temporary file cannot be created
   */
  public static PredictionWriter open(Path target, int documents, int labelCount) {
    if (documents < 0 || labelCount < 0) {
      throw new IllegalArgumentException(
          "invalid shape " + documents + " x " + labelCount + ": rows and labels must be non-negative");
    }
    Path folder = target.toAbsolutePath().getParent();
    if (Files.isDirectory(target)) {
      throw new IllegalArgumentException(target + " is a folder; give a file path for the predictions");
    }
    if (!Files.isDirectory(folder)) {
      throw new IllegalArgumentException(
          "the folder " + folder + " of " + target + " does not exist; create it or choose another path");
    }
    try {
      Path temporary = TemporaryFiles.createBeside(target);
      Writer writer = new BufferedWriter(
          new OutputStreamWriter(Files.newOutputStream(temporary), StandardCharsets.US_ASCII), BUFFER_CHARS);
      writer.write(documents + " " + labelCount + "\n");
      return new PredictionWriter(target, temporary, writer, documents, labelCount);
    } catch (IOException e) {
      throw new UncheckedIOException("creating a temporary prediction file next to " + target + " failed: " + e.getMessage(), e);
    }
  }

  /**
   * Appends the next document's predictions.
   *
   * @throws IllegalArgumentException if a label is out of range, a score is not finite, or every row is already written
   */
  public void writeRow(int[] labels, float[] scores, int count) {
    if (rowsWritten == documents) {
      throw new IllegalArgumentException("all " + documents + " rows are already written");
    }
    try {
      for (int i = 0; i < count; i++) {
        int label = labels[i];
        if (label < 0 || label >= labelCount) {
          throw new IllegalArgumentException(
              "row " + rowsWritten + ": label " + label + " outside [0, " + labelCount + ")");
        }
        if (!Float.isFinite(scores[i])) {
          throw new IllegalArgumentException("row " + rowsWritten + ": score of label " + label + " is " + scores[i]);
        }
        if (i > 0) {
          writer.write(' ');
        }
        writer.write(Integer.toString(label));
        writer.write(':');
        writer.write(Float.toString(scores[i]));
      }
      writer.write('\n');
      rowsWritten++;
    } catch (IOException e) {
      throw new UncheckedIOException("writing " + temporary + " failed: " + e.getMessage(), e);
    }
  }

  /**
   * Appends the next document's predictions as a predictor returns them.
   *
   * @throws IllegalArgumentException as {@link #writeRow(int[], float[], int)}
   */
  public void writeRow(List<LabelPredictor.ScoredLabel> predictions) {
    int[] labels = new int[predictions.size()];
    float[] scores = new float[predictions.size()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = predictions.get(i).id();
      scores[i] = predictions.get(i).score();
    }
    writeRow(labels, scores, labels.length);
  }

  /** Returns the number of rows written so far. */
  public int rowsWritten() {
    return rowsWritten;
  }

  /**
   * Finishes the file: renames it onto the target when every row is written, and deletes it
   * otherwise.
   *
   * @throws IllegalStateException if fewer rows than declared were written (the target is untouched)
   * @throws UncheckedIOException if flushing or renaming fails
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      writer.close();
      if (rowsWritten != documents) {
        Files.deleteIfExists(temporary);
        throw new IllegalStateException(
            "only " + rowsWritten + " of " + documents + " rows were written; " + target + " was not created");
      }
      Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      deleteQuietly(temporary, e);
      throw new UncheckedIOException("finishing " + target + " failed: " + e, e);
    }
  }

  /** Deletes the temporary file after a failure, recording a failed delete on {@code failure}. */
  private static void deleteQuietly(Path temporary, IOException failure) {
    try {
      Files.deleteIfExists(temporary);
    } catch (IOException e) {
      failure.addSuppressed(e);
    }
  }
}
