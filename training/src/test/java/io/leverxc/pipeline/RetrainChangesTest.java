package io.leverxc.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
  void manifestRecordsNegativeChange() {
    assertEquals(-1, changes(999, 1000).toMap().get("documents_added"));
  }
}
