package io.leverxc.serving;

import io.leverxc.model.LabelPredictor;
import java.util.Locale;
import java.util.Objects;

/**
 * Comparison of a reloaded model's label texts with those of the model it replaces. A label id is
 * the label's line in {@code Y.txt}, so any difference other than labels appended at the end
 * changes what the ids that clients stored mean.
 *
 * @param kind how the label texts differ
 * @param firstDifferingId for {@link Kind#CHANGED}, the lowest id whose text differs or that the
 *     new model no longer has; otherwise -1
 */
record LabelSpaceChange(Kind kind, int firstDifferingId) {
  static final LabelSpaceChange SAME = new LabelSpaceChange(Kind.SAME, -1);
  static final LabelSpaceChange EXTENDED = new LabelSpaceChange(Kind.EXTENDED, -1);

  /** Kinds of difference, named in the reload reply by {@link #replyValue()}. */
  enum Kind {
    /** The same label texts in the same order. */
    SAME,
    /** The previous label texts unchanged, followed by new labels. */
    EXTENDED,
    /** A label text changed, moved or disappeared, so some ids now name other labels or none. */
    CHANGED;

    /** Value of {@code label_space} in the reply of {@code POST /v1/admin/reload}. */
    String replyValue() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Compares the label texts of {@code next} with those of {@code previous}, id by id. */
  static LabelSpaceChange compare(LabelPredictor previous, LabelPredictor next) {
    int common = Math.min(previous.labelCount(), next.labelCount());
    for (int id = 0; id < common; id++) {
      if (!Objects.equals(previous.labelText(id), next.labelText(id))) {
        return new LabelSpaceChange(Kind.CHANGED, id);
      }
    }
    if (next.labelCount() < previous.labelCount()) {
      return new LabelSpaceChange(Kind.CHANGED, next.labelCount());
    }
    return next.labelCount() == previous.labelCount() ? SAME : EXTENDED;
  }
}
