package io.leverxc.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.leverxc.ann.IndexBackend;
import io.leverxc.ann.IndexSettings;
import io.leverxc.ann.Neighbors;
import io.leverxc.ann.Similarity;
import io.leverxc.ann.VectorIndex;
import io.leverxc.ann.VectorIndexes;
import io.leverxc.vector.DenseMatrix;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FixedEfSearcherTest {
  @Test
  void searchesWithItsOwnEf() {
    SplittableRandom random = new SplittableRandom(5);
    DenseMatrix vectors = new DenseMatrix(300, 8);
    for (int i = 0; i < vectors.data().length; i++) {
      vectors.data()[i] = (float) random.nextGaussian();
    }
    VectorIndex index = VectorIndexes.build(vectors, Similarity.COSINE, IndexSettings.defaults(IndexBackend.LUCENE), 1);
    FixedEfSearcher narrow = new FixedEfSearcher(index, 12);

    assertEquals(300, narrow.size());
    assertEquals(8, narrow.dimension());
    for (int query = 0; query < 20; query++) {
      Neighbors expected = index.search(vectors.row(query), 10, 12);
      Neighbors actual = narrow.search(vectors.row(query), 10);
      assertArrayEquals(expected.ids(), actual.ids(), "query " + query);
    }
  }

  @Test
  void efOutOfRangeRejected() {
    VectorIndex index =
        VectorIndexes.build(new DenseMatrix(2, 2, new float[] {1, 0, 0, 1}), Similarity.COSINE, IndexSettings.defaults(), 1);

    IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> new FixedEfSearcher(index, 0));

    assertEquals("ef must be in [1, " + IndexSettings.MAX_EF + "], got 0", error.getMessage());
  }
}
