package io.leverxc.ann;

/** The implementation behind a {@link VectorIndex}. */
public enum IndexBackend {
  /** HNSW graph of the jelmerk hnswlib library, persisted with its Java serialisation. */
  HNSWLIB,
  /** HNSW graph of Lucene ({@code org.apache.lucene.util.hnsw}), persisted as plain int arrays. */
  LUCENE,
  /** Brute-force scan of every row: exact, and the ground truth of recall. */
  EXACT
}
