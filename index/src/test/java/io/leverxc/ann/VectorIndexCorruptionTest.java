package io.leverxc.ann;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leverxc.vector.DenseMatrix;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Damaged, foreign and mismatched index bytes are rejected before any graph is used. */
class VectorIndexCorruptionTest {
  private static final DenseMatrix VECTORS = new GaussianMixture(8, 10, 0.5, 0, 3).sample(200, 3);

  private static byte[] indexBytes(IndexBackend backend) {
    return VectorIndexes.build(VECTORS, Similarity.COSINE, IndexSettings.defaults(backend), 1)
        .toBytes();
  }

  @ParameterizedTest
  @EnumSource(IndexBackend.class)
  void flippedByteFailsChecksum(IndexBackend backend) {
    byte[] bytes = indexBytes(backend);
    bytes[bytes.length / 2] ^= 0x10;

    CorruptIndexException error =
        assertThrows(CorruptIndexException.class, () -> VectorIndexes.fromBytes(bytes, VECTORS));
    assertTrue(error.getMessage().startsWith("index bytes: checksum mismatch"), error.getMessage());
  }

  @ParameterizedTest
  @EnumSource(IndexBackend.class)
  void truncatedBytesRejected(IndexBackend backend) {
    byte[] bytes = Arrays.copyOf(indexBytes(backend), 20);

    CorruptIndexException error =
        assertThrows(CorruptIndexException.class, () -> VectorIndexes.fromBytes(bytes, VECTORS));
    assertTrue(error.getMessage().contains("truncated vector index"), error.getMessage());
  }

  @Test
  void corruptFileErrorNamesFile(@TempDir Path folder) throws IOException {
    Path file = folder.resolve("labels.hnsw");
    byte[] bytes = indexBytes(IndexBackend.LUCENE);
    bytes[bytes.length - 10] ^= 0x01;
    Files.write(file, bytes);

    CorruptIndexException error =
        assertThrows(CorruptIndexException.class, () -> VectorIndexes.read(file, VECTORS));
    assertTrue(error.getMessage().startsWith(file + ": checksum mismatch"), error.getMessage());
  }

  @Test
  void wrongMagicRejected() {
    byte[] bytes = indexBytes(IndexBackend.EXACT);
    bytes[0] = 'X';

    CorruptIndexException error =
        assertThrows(CorruptIndexException.class, () -> VectorIndexes.fromBytes(bytes, VECTORS));
    assertTrue(error.getMessage().contains("not a vector index"), error.getMessage());
  }

  @Test
  void otherVectorsOfSameShapeRejected() {
    byte[] bytes = indexBytes(IndexBackend.LUCENE);
    DenseMatrix other = new GaussianMixture(8, 10, 0.5, 0, 3).sample(200, 4);

    CorruptIndexException error =
        assertThrows(CorruptIndexException.class, () -> VectorIndexes.fromBytes(bytes, other));
    assertTrue(error.getMessage().contains("fingerprint mismatch"), error.getMessage());
  }

  @Test
  void otherShapeRejected() {
    byte[] bytes = indexBytes(IndexBackend.HNSWLIB);
    DenseMatrix other = new DenseMatrix(199, 8);

    CorruptIndexException error =
        assertThrows(CorruptIndexException.class, () -> VectorIndexes.fromBytes(bytes, other));
    assertTrue(
        error.getMessage().contains("built on a 200x8 matrix, but the vectors given are 199x8"),
        error.getMessage());
  }

  @Test
  void luceneGraphWithOutOfRangeNeighbourRejected() {
    SimilaritySpace space = new SimilaritySpace(VECTORS, Similarity.COSINE);
    IndexSettings settings = IndexSettings.defaults(IndexBackend.LUCENE);
    byte[] bytes = indexBytes(IndexBackend.LUCENE);
    byte[] graph =
        Arrays.copyOfRange(
            bytes, IndexEnvelope.HEADER_BYTES, bytes.length - IndexEnvelope.CHECKSUM_BYTES);
    // Layout: 4 header ints, 201 layer-0 offsets, the edge count, then the first neighbour id.
    int firstNeighbour = (4 + VECTORS.rows() + 1 + 1) * Integer.BYTES;
    ByteBuffer.wrap(graph).order(ByteOrder.LITTLE_ENDIAN).putInt(firstNeighbour, 5000);
    // A valid checksum is recomputed around the damaged graph.
    byte[] tampered = IndexEnvelope.write(settings, space, graph);

    CorruptIndexException error =
        assertThrows(CorruptIndexException.class, () -> VectorIndexes.fromBytes(tampered, VECTORS));
    assertTrue(
        error.getMessage().contains("invalid node id 5000 in neighbours of level 0"),
        error.getMessage());
  }

  @Test
  void foreignSerialisedClassRejectedUnread() throws IOException {
    SimilaritySpace space = new SimilaritySpace(VECTORS, Similarity.COSINE);
    ByteArrayOutputStream payload = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(payload)) {
      out.writeObject(new Gadget());
    }
    byte[] bytes =
        IndexEnvelope.write(
            IndexSettings.defaults(IndexBackend.HNSWLIB), space, payload.toByteArray());
    Gadget.deserialised = false;

    CorruptIndexException error =
        assertThrows(CorruptIndexException.class, () -> VectorIndexes.fromBytes(bytes, VECTORS));
    assertTrue(error.getMessage().contains("outside the allow-list"), error.getMessage());
    assertFalse(Gadget.deserialised, "the foreign class's readObject ran");
  }

  @Test
  void invalidSettingsNamedInMessage() {
    IllegalArgumentException m =
        assertThrows(
            IllegalArgumentException.class, () -> new IndexSettings(IndexBackend.LUCENE, 1, 100, 50));
    IllegalArgumentException ef =
        assertThrows(
            IllegalArgumentException.class, () -> new IndexSettings(IndexBackend.LUCENE, 16, 100, 0));
    IllegalArgumentException efConstruction =
        assertThrows(
            IllegalArgumentException.class,
            () -> new IndexSettings(IndexBackend.HNSWLIB, 16, 5000, 50));

    assertEquals("invalid index setting m=1: expected 2 to 512", m.getMessage());
    assertEquals("invalid index setting ef=0: expected 1 to 100000", ef.getMessage());
    assertEquals(
        "invalid index setting efConstruction=5000: expected 2 to 3200",
        efConstruction.getMessage());
    // Lucene's graph builder fails with a candidate list of 1, so the settings reject it first.
    IllegalArgumentException single =
        assertThrows(
            IllegalArgumentException.class,
            () -> new IndexSettings(IndexBackend.LUCENE, 16, 1, 50));
    assertEquals("invalid index setting efConstruction=1: expected 2 to 3200", single.getMessage());
  }

  /** A serialisable class outside the allow-list that records whether it was deserialised. */
  static final class Gadget implements Serializable {
    private static final long serialVersionUID = 1L;
    static volatile boolean deserialised;

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
      in.defaultReadObject();
      deserialised = true;
    }
  }
}
