package io.leverxc.bench.jmh;

import io.leverxc.ann.DotProducts;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.util.VectorUtil;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Dot product of a query with one row of a row-major matrix: the in-place kernel of {@link
 * DotProducts}, Lucene's {@link VectorUtil#dotProduct} after copying the row out (what {@code
 * ExactSearcher} did before), and a plain scalar loop.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DotProductBenchmark {
  /** Rows cycled through, so that consecutive calls do not read the same cache lines. */
  private static final int ROWS = 1024;

  @Param({"64", "256", "768"})
  public int dimension;

  private float[] matrix;
  private float[] query;
  private float[] scratch;
  private int row;

  @Setup
  public void setUp() {
    SplittableRandom random = new SplittableRandom(1);
    matrix = new float[ROWS * dimension];
    for (int i = 0; i < matrix.length; i++) {
      matrix[i] = (float) random.nextDouble(-1, 1);
    }
    query = new float[dimension];
    for (int i = 0; i < dimension; i++) {
      query[i] = (float) random.nextDouble(-1, 1);
    }
    scratch = new float[dimension];
  }

  private int nextOffset() {
    row = (row + 1) & (ROWS - 1);
    return row * dimension;
  }

  @Benchmark
  public float inPlaceKernel() {
    return DotProducts.dot(query, 0, matrix, nextOffset(), dimension);
  }

  @Benchmark
  public float luceneAfterCopy() {
    System.arraycopy(matrix, nextOffset(), scratch, 0, dimension);
    return VectorUtil.dotProduct(query, scratch);
  }

  @Benchmark
  public float scalarLoop() {
    int offset = nextOffset();
    float sum = 0;
    for (int i = 0; i < dimension; i++) {
      sum += query[i] * matrix[offset + i];
    }
    return sum;
  }
}
