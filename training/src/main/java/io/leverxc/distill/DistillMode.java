package io.leverxc.distill;

/** How much of LEVER goes into the classifiers' training targets. */
public enum DistillMode {
  /** The original documents with their binary labels, nothing added. */
  NONE,
  /** Adds every label text as a training document, positive for its own label only. */
  LABELS,
  /** Adds the label documents plus the teacher's soft targets and pair additions. */
  LEVER
}
