package io.leverxc.pipeline;

import io.leverxc.data.DataFormatException;
import io.leverxc.data.LabelMatrix;
import io.leverxc.data.TextLinesReader;
import io.leverxc.data.XcFiles;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;

/**
 * Removed (tombstoned) labels of a retraining run. A data folder lists the labels to remove in an
 * optional {@value #FILE_NAME}, one 0-based label id per line (blank lines are skipped). A removed
 * label keeps its line in {@code Y.txt} and its id, so no id is ever reused, but its training
 * entries are dropped and the model never returns it. Removal is permanent: a retrain keeps the
 * parent's removed labels whether or not the file lists them again.
 */
final class RemovedLabels {
  /** File in the data folder that lists label ids to remove, plain or gzip. */
  static final String FILE_NAME = "removed_labels.txt";

  private RemovedLabels() {}

  /**
   * Returns the ascending, distinct label ids listed in the data folder's {@value #FILE_NAME}, or
   * none when the folder has no such file.
   *
   * @throws DataFormatException naming the line that is not a label id in [0, labelCount)
   */
  static int[] read(Path dataDirectory, int labelCount) {
    Path file = XcFiles.resolveOptional(dataDirectory, FILE_NAME);
    if (file == null) {
      return new int[0];
    }
    List<String> lines = TextLinesReader.read(file, -1);
    BitSet ids = new BitSet(labelCount);
    for (int i = 0; i < lines.size(); i++) {
      String text = lines.get(i).strip();
      if (text.isEmpty()) {
        continue;
      }
      int id;
      try {
        id = Integer.parseInt(text);
      } catch (NumberFormatException e) {
        id = -1;
      }
      if (id < 0 || id >= labelCount) {
        throw new DataFormatException(
            file, i + 1, "expected a label id in [0, " + labelCount + "), found '" + text + "'");
      }
      ids.set(id);
    }
    return ids.stream().toArray();
  }

  /** Returns the ascending, distinct ids that occur in {@code first} or {@code second}. */
  static int[] union(int[] first, int[] second) {
    BitSet ids = new BitSet();
    for (int id : first) {
      ids.set(id);
    }
    for (int id : second) {
      ids.set(id);
    }
    return ids.stream().toArray();
  }

  /** Returns {@code matrix} without the entries of the {@code removed} labels; rows and columns stay. */
  static LabelMatrix strip(LabelMatrix matrix, int[] removed) {
    if (removed.length == 0) {
      return matrix;
    }
    BitSet drop = new BitSet(matrix.columns());
    for (int id : removed) {
      drop.set(id);
    }
    LabelMatrix.Builder builder = new LabelMatrix.Builder(matrix.columns());
    int[] labels = new int[matrix.columns()];
    float[] values = new float[matrix.columns()];
    for (int row = 0; row < matrix.rows(); row++) {
      int count = 0;
      for (int p = matrix.rowStart(row); p < matrix.rowEnd(row); p++) {
        if (!drop.get(matrix.label(p))) {
          labels[count] = matrix.label(p);
          values[count] = matrix.value(p);
          count++;
        }
      }
      builder.addRow(labels, values, count);
    }
    return builder.build();
  }
}
