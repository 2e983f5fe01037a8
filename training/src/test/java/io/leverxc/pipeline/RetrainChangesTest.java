package io.leverxc.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RetrainChangesTest {

  private static RetrainChanges changes(int documents, int parentDocuments) {
    return new RetrainChanges("parent", 10, 2, documents, parentDocuments, 0, new int[0]);
  }

  @Test
  void documentChangeNamesEachCase() {
    assertEquals("500 added", changes(1500, 1000).documentChange());
    assertEquals("1 fewer than the parent's", changes(999, 1000).documentChange());
    assertEquals("as many as the parent's", changes(1000, 1000).documentChange());
    assertEquals("the parent's count is not recorded", changes(1000, RetrainChanges.UNKNOWN).documentChange());
  }

  @Test
  void fewerThanHalfTheParentsDocumentsIsFlagged() {
    assertTrue(changes(499, 1000).lacksMostParentDocuments());
    assertFalse(changes(500, 1000).lacksMostParentDocuments());
    assertFalse(changes(1500, 1000).lacksMostParentDocuments());
    assertFalse(changes(10, RetrainChanges.UNKNOWN).lacksMostParentDocuments());
  }

  @Test
  void keptLabelsExcludeRemovedParentLabels() {
    // Label 11 was added by this run and then removed, so it is not one of the parent's.
    RetrainChanges changes = new RetrainChanges("parent", 10, 2, 100, 90, 2, new int[] {3, 7, 11});

    assertEquals(8, changes.parentLabelsKept());
  }

  @Test
  void manifestRecordsTheChanges() {
    RetrainChanges changes = new RetrainChanges("parent", 10, 2, 100, 90, 1, new int[] {3});

    assertEquals(
        java.util.List.of("parent_bundle_id", "parent_labels", "labels_added", "documents", "parent_documents",
            "documents_added", "labels_removed", "removed_labels_total"),
        java.util.List.copyOf(changes.toMap().keySet()));
  }

  @Test
  void manifestRecordsNegativeChange() {
    assertEquals(-1, changes(999, 1000).toMap().get("documents_added"));
  }
}
