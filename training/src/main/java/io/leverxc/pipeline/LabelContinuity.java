package io.leverxc.pipeline;

import io.leverxc.data.DataFormatException;
import java.nio.file.Path;
import java.util.List;

/**
 * Checks that a retraining label file keeps every label of the parent model at its id: the first
 * lines must repeat the parent's label texts in the same order, and any further lines are new
 * labels. Label ids are line numbers, so a reordered or dropped line would silently give a served
 * id another meaning.
 */
final class LabelContinuity {
  /** Longest label text quoted in an error message; longer texts are cut with an ellipsis. */
  private static final int MAX_QUOTED_CHARS = 80;

  private LabelContinuity() {}

  /**
   * Returns the number of labels appended after the parent's labels.
   *
   * @param labelFile the new label file, named in errors
   * @throws DataFormatException naming the first line of {@code labelFile} that differs from the
   *     parent's label at that id, or the line after the file's end when labels were dropped
   */
  static int addedLabels(List<String> parentLabels, List<String> newLabels, Path labelFile) {
    int shared = Math.min(parentLabels.size(), newLabels.size());
    for (int id = 0; id < shared; id++) {
      if (!parentLabels.get(id).equals(newLabels.get(id))) {
        throw new DataFormatException(
            labelFile, id + 1,
            "label " + id + " changed: the parent model has " + quote(parentLabels.get(id)) + ", found "
                + quote(newLabels.get(id)) + ". Existing labels must keep their lines and order; append new"
                + " labels at the end, or run a full 'lever train' to renumber them");
      }
    }
    if (newLabels.size() < parentLabels.size()) {
      throw new DataFormatException(
          labelFile, newLabels.size() + 1,
          "the file ends after " + newLabels.size() + " labels but the parent model has " + parentLabels.size()
              + "; label " + newLabels.size() + " (" + quote(parentLabels.get(newLabels.size())) + ") and later"
              + " ones are missing. Existing labels cannot be dropped by a retrain");
    }
    return newLabels.size() - parentLabels.size();
  }

  private static String quote(String text) {
    String shown = text.length() <= MAX_QUOTED_CHARS ? text : text.substring(0, MAX_QUOTED_CHARS) + "...";
    return "'" + shown + "'";
  }
}
