package io.leverxc.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Changes of a retraining run relative to its parent bundle, recorded in the new manifest.
 *
 * @param parentBundleId id of the bundle the run started from
 * @param parentLabels number of labels of the parent; they keep ids 0 to {@code parentLabels - 1}
 * @param labelsAdded labels appended after the parent's, with ids from {@code parentLabels} on
 * @param documents training documents of the new data set, validation split included
 * @param parentDocuments training documents of the parent, or -1 when its manifest does not
 *     record them (bundles written before the count was stored)
 * @param labelsRemoved labels removed by this run, not counting those the parent had removed
 * @param removedLabels ids of every removed label, the parent's included, ascending
 */
public record RetrainChanges(
    String parentBundleId,
    int parentLabels,
    int labelsAdded,
    int documents,
    int parentDocuments,
    int labelsRemoved,
    int[] removedLabels) {

  /** Marks an unknown parent document count. */
  public static final int UNKNOWN = -1;

  /**
   * Returns the number of documents added, negative when the new data set has fewer than the
   * parent's. Defined only when {@code parentDocuments} is known.
   */
  public int documentsAdded() {
    return documents - parentDocuments;
  }

  /** Returns the number of the parent's labels that are not removed. */
  public int parentLabelsKept() {
    int removedParentLabels = 0;
    for (int id : removedLabels) {
      if (id < parentLabels) {
        removedParentLabels++;
      }
    }
    return parentLabels - removedParentLabels;
  }

  /**
   * Returns true when the data has fewer than half the parent's training documents, as when only
   * the new documents were passed: a retrain trains on the whole data, so the parent's documents
   * missing from it are forgotten. False when the parent's count is not recorded.
   */
  public boolean lacksMostParentDocuments() {
    return parentDocuments != UNKNOWN && 2L * documents < parentDocuments;
  }

  /** Describes the document count against the parent's, for logs and the command's summary. */
  public String documentChange() {
    if (parentDocuments == UNKNOWN) {
      return "the parent's count is not recorded";
    }
    int change = documentsAdded();
    if (change > 0) {
      return change + " added";
    }
    return change < 0 ? -change + " fewer than the parent's" : "as many as the parent's";
  }

  /** Returns the changes as ordered name/value pairs for the manifest. */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("parent_bundle_id", parentBundleId);
    map.put("parent_labels", parentLabels);
    map.put("labels_added", labelsAdded);
    map.put("documents", documents);
    if (parentDocuments != UNKNOWN) {
      map.put("parent_documents", parentDocuments);
      map.put("documents_added", documentsAdded());
    }
    map.put("labels_removed", labelsRemoved);
    map.put("removed_labels_total", removedLabels.length);
    return map;
  }
}
