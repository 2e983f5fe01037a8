package io.leverxc.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leverxc.ann.IndexBackend;
import io.leverxc.ann.IndexSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IndexSectionMismatchTest {
  private static final IndexSettings GRAPH = new IndexSettings(IndexBackend.LUCENE, 16, 200, 100);

  @Test
  void matchingSectionGivesNoMessage() {
    assertNull(XcModel.indexSectionMismatch(IndexSettingsCodec.toMap(GRAPH), GRAPH));
  }

  @Test
  void absentSectionGivesNoMessage() {
    assertNull(XcModel.indexSectionMismatch(null, GRAPH));
  }

  @Test
  void editedEfIsNamed() {
    Map<String, Object> edited = IndexSettingsCodec.toMap(new IndexSettings(IndexBackend.LUCENE, 16, 200, 40));

    assertEquals("manifest.json records the index settings {backend=lucene, m=16, ef_construction=200, ef=40},"
            + " but the graph files were built with {backend=lucene, m=16, ef_construction=200, ef=100}, and the"
            + " search uses those",
        XcModel.indexSectionMismatch(edited, GRAPH));
  }

  @Test
  void invalidSectionIsNamed() {
    String message = XcModel.indexSectionMismatch(Map.of("backend", "faiss"), GRAPH);

    assertTrue(message.startsWith("manifest.json has an invalid settings.index section (index settings: invalid"
        + " backend 'faiss'"), message);
  }
}
