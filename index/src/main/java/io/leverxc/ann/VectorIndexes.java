package io.leverxc.ann;

import io.leverxc.vector.DenseMatrix;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds, serialises and restores {@link VectorIndex}es. */
public final class VectorIndexes {
  private static final Logger LOG = LoggerFactory.getLogger(VectorIndexes.class);
  private static final String BYTES_SOURCE = "index bytes";

  private VectorIndexes() {}

  /**
   * Builds an index over the rows of {@code vectors}, which it keeps by reference.
   *
   * @param threads worker threads for the graph build, at least 1
   * @throws IllegalArgumentException if {@code threads} is below 1
   */
  public static VectorIndex build(
      DenseMatrix vectors, Similarity similarity, IndexSettings settings, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    long start = System.nanoTime();
    SimilaritySpace space = new SimilaritySpace(vectors, similarity);
    VectorIndex index =
        switch (settings.backend()) {
          case EXACT -> new ExactIndex(space, settings);
          case HNSWLIB -> HnswlibIndex.build(space, settings, threads);
          case LUCENE -> LuceneHnswIndex.build(space, settings, threads);
        };
    LOG.info(
        "built {} {} index over {}x{} vectors ({}) in {} ms",
        settings.backend(),
        similarity,
        vectors.rows(),
        vectors.columns(),
        settings.backend() == IndexBackend.EXACT
            ? "no graph"
            : "m=" + settings.m() + ", efConstruction=" + settings.efConstruction(),
        (System.nanoTime() - start) / 1_000_000);
    return index;
  }

  /**
   * Restores an index from {@link VectorIndex#toBytes()} over the same {@code vectors} it was
   * built on. The checksum and header are verified before the graph is parsed.
   *
   * @throws CorruptIndexException if a check fails
   */
  public static VectorIndex fromBytes(byte[] bytes, DenseMatrix vectors) {
    return fromBytes(bytes, vectors, BYTES_SOURCE);
  }

  private static VectorIndex fromBytes(byte[] bytes, DenseMatrix vectors, String source) {
    IndexEnvelope.Contents contents = IndexEnvelope.read(bytes, source, vectors);
    SimilaritySpace space = new SimilaritySpace(vectors, contents.similarity());
    IndexSettings settings = contents.settings();
    return switch (settings.backend()) {
      case EXACT -> {
        if (contents.payload().hasRemaining()) {
          throw new CorruptIndexException(source, "exact index has an unexpected payload");
        }
        yield new ExactIndex(space, settings);
      }
      case HNSWLIB -> HnswlibIndex.read(contents.payload(), space, settings, source);
      case LUCENE -> LuceneHnswIndex.read(contents.payload(), space, settings, source);
    };
  }

  /** Writes {@code index} to {@code file} through a temporary file in the same folder. */
  public static void write(VectorIndex index, Path file) {
    Path absolute = file.toAbsolutePath();
    Path temporary = absolute.resolveSibling(absolute.getFileName() + ".tmp");
    try {
      Files.write(temporary, index.toBytes());
      Files.move(
          temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write vector index " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads an index written by {@link #write}; errors name {@code file}.
   *
   * @throws CorruptIndexException if a check fails
   */
  public static VectorIndex read(Path file, DenseMatrix vectors) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read vector index " + file + ": " + e.getMessage(), e);
    }
    return fromBytes(bytes, vectors, file.toString());
  }
}
